namespace SalesBot.Tests.Infrastructure;

/// <summary>Tests that load the machine on purpose run in this collection, after the others and not beside them.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class Alone
{
    public const string Name = "Alone";
}
