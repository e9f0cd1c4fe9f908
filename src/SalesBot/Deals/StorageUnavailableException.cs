namespace SalesBot.Deals;

/// <summary>Storage could not be reached in time; the request changed nothing that was not made idempotent.</summary>
internal sealed class StorageUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
