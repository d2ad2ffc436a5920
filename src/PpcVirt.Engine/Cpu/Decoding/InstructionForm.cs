namespace PpcVirt.Engine.Cpu.Decoding;

/// <summary>Instruction formats (Power ISA 2.06 Book I §1.6).</summary>
public enum InstructionForm
{
    /// <summary>I-form: b.</summary>
    I,
    /// <summary>B-form: bc.</summary>
    B,
    /// <summary>SC-form: sc.</summary>
    SC,
    /// <summary>D-form: immediate arithmetic, loads and stores.</summary>
    D,
    /// <summary>X-form.</summary>
    X,
    /// <summary>XL-form: CR logical, bclr/bcctr, rfi.</summary>
    XL,
    /// <summary>XFX-form: mtspr/mfspr/mtcrf/mtdcr/mfdcr.</summary>
    XFX,
    /// <summary>XFL-form: mtfsf.</summary>
    XFL,
    /// <summary>XO-form: arithmetic with OE and Rc.</summary>
    XO,
    /// <summary>A-form: floating-point arithmetic.</summary>
    A,
    /// <summary>M-form: rotates.</summary>
    M,
}
