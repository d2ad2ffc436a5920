using PpcVirt.Fuzz;

// PpcVirt fuzzers; usage in README.md beside this file.
return FuzzCommand.Run(args, Console.Out, Console.Error);
