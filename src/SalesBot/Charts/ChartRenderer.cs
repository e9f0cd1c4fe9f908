using SalesBot.Messaging;
using SkiaSharp;

namespace SalesBot.Charts;

/// <summary>
/// Draws a <see cref="ReplyChart"/> as a PNG of <see cref="Width"/> × <see cref="Height"/> pixels: a funnel of open
/// amount by stage with each bar's weighted part in a darker shade, and beside it what was won and lost. The fonts ship
/// with SalesBot (DejaVu Sans), so the picture is the same on every host.
/// </summary>
internal static class ChartRenderer
{
    public const int Width = 1000;
    public const int Height = 560;

    private static readonly SKColor Ink = new(0x1d, 0x24, 0x33);
    private static readonly SKColor Muted = new(0x66, 0x70, 0x85);
    private static readonly SKColor Open = new(0xa8, 0xc5, 0xe6);
    private static readonly SKColor Weighted = new(0x1d, 0x35, 0x57);
    private static readonly SKColor Won = new(0x2e, 0x7d, 0x32);
    private static readonly SKColor Lost = new(0xc6, 0x28, 0x28);
    private static readonly Lazy<SKTypeface> Regular = new(() => Font("DejaVuSans.ttf"));
    private static readonly Lazy<SKTypeface> Bold = new(() => Font("DejaVuSans-Bold.ttf"));

    public static byte[] Png(ReplyChart chart)
    {
        using var surface = SKSurface.Create(new SKImageInfo(Width, Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        using var title = new SKFont(Bold.Value, 26);
        using var text = new SKFont(Regular.Value, 16);
        using var small = new SKFont(Regular.Value, 14);
        using var paint = new SKPaint { IsAntialias = true };

        paint.Color = Ink;
        canvas.DrawText(Fit(chart.Title, title, Width - 60), 30, 44, title, paint);
        paint.Color = Muted;
        canvas.DrawText(Fit(chart.Subtitle, text, Width - 60), 30, 72, text, paint);

        // The funnel: one bar a stage, open amount light, its weighted part dark.
        const float left = 230, top = 110, funnelWidth = 360;
        var max = Math.Max(1, chart.Stages.Concat(chart.Closed).Select(b => b.Value).DefaultIfEmpty(0).Max());
        var row = Math.Min(64f, (Height - top - 60) / Math.Max(1, chart.Stages.Count));
        for (var i = 0; i < chart.Stages.Count; i++)
        {
            var bar = chart.Stages[i];
            var y = top + i * row;
            var length = (float)(bar.Value / max) * funnelWidth;
            var x = left + (funnelWidth - length) / 2;
            paint.Color = Open;
            canvas.DrawRoundRect(new SKRect(x, y, x + length, y + row - 14), 4, 4, paint);
            var weighted = (float)(bar.Weighted / max) * funnelWidth;
            paint.Color = Weighted;
            canvas.DrawRoundRect(new SKRect(left + (funnelWidth - weighted) / 2, y + (row - 14) * 0.3f, left + (funnelWidth + weighted) / 2, y + (row - 14) * 0.7f), 3, 3, paint);
            paint.Color = Ink;
            canvas.DrawText(Fit(bar.Label, text, left - 40), left - 16, y + (row - 14) / 2 + 6, SKTextAlign.Right, text, paint);
            paint.Color = Muted;
            var middle = y + (row - 14) / 2;
            canvas.DrawText(Fit(bar.Text, small, 215), left + funnelWidth + 14, bar.Detail is null ? middle + 5 : middle - 3, small, paint);
            if (bar.Detail is { } detail)
            {
                canvas.DrawText(Fit(detail, small, 215), left + funnelWidth + 14, middle + 15, small, paint);
            }
        }

        // Won and lost in the period, to the same scale.
        const float closedLeft = 826, closedBottom = Height - 70, closedHeight = 330;
        for (var i = 0; i < chart.Closed.Count; i++)
        {
            var bar = chart.Closed[i];
            var height = (float)(bar.Value / max) * closedHeight;
            var x = closedLeft + i * 76;
            paint.Color = i == 0 ? Won : Lost;
            canvas.DrawRect(new SKRect(x, closedBottom - height, x + 56, closedBottom), paint);
            paint.Color = Ink;
            canvas.DrawText(Fit(bar.Label, small, 76), x + 28, closedBottom + 20, SKTextAlign.Center, small, paint);
            paint.Color = Muted;
            canvas.DrawText(Fit(bar.Text, small, 150), x + 28, closedBottom - height - 8, SKTextAlign.Center, small, paint);
        }

        // The legend.
        paint.Color = Open;
        canvas.DrawRect(new SKRect(30, Height - 36, 46, Height - 20), paint);
        paint.Color = Weighted;
        canvas.DrawRect(new SKRect(30 + 180, Height - 36, 46 + 180, Height - 20), paint);
        paint.Color = Muted;
        canvas.DrawText(Fit(chart.OpenLegend, small, 150), 54, Height - 22, small, paint);
        canvas.DrawText(Fit(chart.WeightedLegend, small, 400), 54 + 180, Height - 22, small, paint);

        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>The text, cut with "…" to fit <paramref name="width"/> pixels.</summary>
    private static string Fit(string value, SKFont font, float width)
    {
        if (font.MeasureText(value) <= width)
        {
            return value;
        }

        var cut = value;
        while (cut.Length > 1 && font.MeasureText(cut + "…") > width)
        {
            cut = cut[..^1];
        }

        return cut + "…";
    }

    private static SKTypeface Font(string file)
    {
        using var stream = typeof(ChartRenderer).Assembly.GetManifestResourceStream("charts/" + file)
            ?? throw new InvalidOperationException($"The chart font {file} is not in the assembly.");
        return SKTypeface.FromStream(stream);
    }
}
