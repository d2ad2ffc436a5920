namespace PpcVirt.Engine.Tests;

/// <summary>Locates files inside this repository (never outside it).</summary>
internal static class RepositoryPaths
{
    private static readonly Lazy<string> s_root = new(() =>
    {
        string? dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "PpcVirt.sln")))
        {
            dir = Path.GetDirectoryName(dir);
        }

        return dir ?? throw new InvalidOperationException("PpcVirt.sln not found above the test binaries.");
    });

    public static string Root => s_root.Value;

    public static string BambooGuests => Path.Combine(Root, "tests", "guests", "bamboo");
}
