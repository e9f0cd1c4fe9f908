using Microsoft.Extensions.Localization;

namespace SalesBot.Messaging;

/// <summary>Marker for the <c>Strings.resx</c> resources that hold every user-facing sentence.</summary>
internal sealed class Strings;

/// <summary>The user-facing sentences, in the culture of the current message.</summary>
internal sealed class Phrases(IStringLocalizer<Strings> localizer, ILogger<Phrases> logger)
{
    public string this[string key, params object[] args]
    {
        get
        {
            var s = localizer[key, args];
            if (s.ResourceNotFound)
            {
                logger.LogError("Missing user-facing string {Key}.", key);
            }

            return s.Value;
        }
    }

    /// <summary>"1 deal" or "N deals".</summary>
    public string DealCount(int count) => count == 1 ? this["OneDeal"] : this["ManyDeals", count];
}
