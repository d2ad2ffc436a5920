namespace PpcVirt.Engine; internal static class Placeholder { }
