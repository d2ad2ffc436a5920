namespace PpcVirt.Engine.Cpu.BookE;

/// <summary>Book E interrupt classes by their IVOR number (Power ISA 2.06 Book III-E §5.6; PPC440 manual "Interrupts and Exceptions").</summary>
public enum InterruptVector
{
    /// <summary>IVOR0 critical input.</summary>
    CriticalInput = 0,
    /// <summary>IVOR1 machine check.</summary>
    MachineCheck = 1,
    /// <summary>IVOR2 data storage.</summary>
    DataStorage = 2,
    /// <summary>IVOR3 instruction storage.</summary>
    InstructionStorage = 3,
    /// <summary>IVOR4 external input.</summary>
    External = 4,
    /// <summary>IVOR5 alignment.</summary>
    Alignment = 5,
    /// <summary>IVOR6 program.</summary>
    Program = 6,
    /// <summary>IVOR7 floating-point unavailable.</summary>
    FpUnavailable = 7,
    /// <summary>IVOR8 system call.</summary>
    SystemCall = 8,
    /// <summary>IVOR9 auxiliary processor unavailable.</summary>
    ApuUnavailable = 9,
    /// <summary>IVOR10 decrementer.</summary>
    Decrementer = 10,
    /// <summary>IVOR11 fixed-interval timer.</summary>
    FixedIntervalTimer = 11,
    /// <summary>IVOR12 watchdog timer.</summary>
    Watchdog = 12,
    /// <summary>IVOR13 data TLB error.</summary>
    DataTlbError = 13,
    /// <summary>IVOR14 instruction TLB error.</summary>
    InstructionTlbError = 14,
    /// <summary>IVOR15 debug.</summary>
    Debug = 15,
}
