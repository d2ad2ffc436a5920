namespace PpcVirt.PowerShell; internal static class Placeholder { }
