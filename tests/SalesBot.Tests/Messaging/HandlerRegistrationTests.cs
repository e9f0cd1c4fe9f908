using Microsoft.Extensions.DependencyInjection;
using SalesBot.Commands;
using SalesBot.Messaging;
using SalesBot.Tests.Infrastructure;

namespace SalesBot.Tests.Messaging;

/// <summary>Handlers are found by namespace, not listed: every command the language can produce has exactly one.</summary>
public class HandlerRegistrationTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public void Every_command_has_exactly_one_handler()
    {
        var commands = typeof(Command).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(Command)) && !t.IsAbstract).Select(t => t.Name).Order().ToArray();

        var handled = fixture.App.Services.GetServices<ICommandHandler>().Select(h => h.CommandType.Name).Order().ToArray();

        Assert.Equal(commands, handled);
    }
}
