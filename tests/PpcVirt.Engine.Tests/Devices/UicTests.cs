using PpcVirt.Engine.Devices;
using Xunit;

namespace PpcVirt.Engine.Tests.Devices;

public sealed class UicTests
{
    private const uint Base = 0xC0;
    private const uint Sr = Base + 0;
    private const uint Srs = Base + 1;
    private const uint Er = Base + 2;
    private const uint Cr = Base + 3;
    private const uint Pr = Base + 4;
    private const uint Tr = Base + 5;
    private const uint Msr = Base + 6;
    private const uint Vr = Base + 7;
    private const uint Vcr = Base + 8;

    private readonly RecordingLine _external = new();
    private readonly RecordingLine _critical = new();
    private readonly Uic _uic;

    public UicTests()
    {
        _uic = new Uic(Base, _external, _critical);
    }

    [Fact]
    public void Claims_NineDcrsFromTheBase()
    {
        Assert.False(_uic.Claims(0xBF));
        for (uint n = 0xC0; n <= 0xC8; n++)
        {
            Assert.True(_uic.Claims(n));
        }

        Assert.False(_uic.Claims(0xC9));
        Assert.False(_uic.Claims(0));
        Assert.Equal(0xC0u, _uic.DcrBase);
    }

    [Fact]
    public void DcrBus_AttachRoutesUic0Registers()
    {
        var bus = new DcrBus();
        bus.Attach(_uic);

        Assert.Null(bus.Find(0xBF));
        Assert.Same(_uic, bus.Find(0xC0));
        Assert.Same(_uic, bus.Find(0xC8));
        Assert.Null(bus.Find(0xC9));

        bus.Find(Er)!.Write(Er, 0x12345678);
        Assert.Equal(0x12345678u, _uic.Read(Er));

        var uic1 = new Uic(0xD0, new RecordingLine(), null);
        bus.Attach(uic1);
        Assert.Same(uic1, bus.Find(0xD4));
        Assert.Throws<InvalidOperationException>(() => bus.Attach(new Uic(0xC4, new RecordingLine(), null)));
    }

    [Fact]
    public void ResetValues_ControlRegistersZero_IdleLowWiresPendingAsActiveLow()
    {
        Assert.Equal(0u, _uic.Read(Er));
        Assert.Equal(0u, _uic.Read(Cr));
        Assert.Equal(0u, _uic.Read(Pr));
        Assert.Equal(0u, _uic.Read(Tr));
        Assert.Equal(0u, _uic.Read(Vcr));
        Assert.Equal(0u, _uic.Read(Msr));
        Assert.Equal(0u, _uic.Read(Vr));
        Assert.Equal(0xFFFFFFFFu, _uic.Read(Sr)); // PR=0: a low wire is an active level
        Assert.False(_external.Level);
        Assert.False(_critical.Level);
        Assert.Empty(_external.History);

        _uic.Write(Pr, 0xFFFFFFFF);
        Assert.Equal(0u, _uic.Read(Sr));
    }

    [Fact]
    public void LevelActiveHigh_SrFollowsTheInput()
    {
        ConfigureAllActiveHigh(trigger: 0);
        _uic.Write(Er, 0x80000000);

        _uic.GetInput(0).Set(true);
        Assert.Equal(0x80000000u, _uic.Read(Sr));
        Assert.Equal(0x80000000u, _uic.Read(Msr));
        Assert.True(_external.Level);
        Assert.True(_uic.NonCriticalAsserted);

        _uic.GetInput(0).Set(false);
        Assert.Equal(0u, _uic.Read(Sr));
        Assert.False(_external.Level);
        Assert.Equal(new[] { true, false }, _external.History);
    }

    [Fact]
    public void LevelInput_WriteOneToClearHasNoEffectWhileAsserted()
    {
        ConfigureAllActiveHigh(trigger: 0);
        _uic.Write(Er, 0x04000000);
        _uic.GetInput(5).Set(true);

        _uic.Write(Sr, 0x04000000);
        Assert.Equal(0x04000000u, _uic.Read(Sr));
        Assert.True(_external.Level);
        Assert.Single(_external.History);

        _uic.GetInput(5).Set(false);
        Assert.Equal(0u, _uic.Read(Sr));
        Assert.False(_external.Level);
    }

    [Fact]
    public void LevelActiveLow_LowWireIsPending()
    {
        _uic.Write(Pr, 0xFFFFFFFF & ~0x00010000u); // input 15 active low
        _uic.Write(Sr, 0xFFFFFFFF);
        _uic.Write(Er, 0x00010000);
        Assert.Equal(0x00010000u, _uic.Read(Sr));
        Assert.True(_external.Level);

        _uic.GetInput(15).Set(true); // deasserts an active-low input
        Assert.Equal(0u, _uic.Read(Sr));
        Assert.False(_external.Level);

        _uic.GetInput(15).Set(false);
        Assert.Equal(0x00010000u, _uic.Read(Sr));
        Assert.True(_external.Level);
    }

    [Fact]
    public void EdgeRising_LatchesUntilCleared()
    {
        ConfigureAllActiveHigh(trigger: 0xFFFFFFFF);
        _uic.Write(Er, 0x00000001);
        IInterruptLine input31 = _uic.GetInput(31);

        input31.Set(true);
        Assert.Equal(0x00000001u, _uic.Read(Sr));
        Assert.True(_external.Level);

        input31.Set(false);
        Assert.Equal(0x00000001u, _uic.Read(Sr)); // still latched
        Assert.True(_external.Level);

        _uic.Write(Sr, 0x00000001);
        Assert.Equal(0u, _uic.Read(Sr));
        Assert.False(_external.Level);

        input31.Set(true);
        _uic.Write(Sr, 0x00000001);
        input31.Set(true); // same level again: no edge
        Assert.Equal(0u, _uic.Read(Sr));
        Assert.Equal(new[] { true, false, true, false }, _external.History);
    }

    [Fact]
    public void EdgeFalling_OnlyTheFallingEdgeLatches()
    {
        _uic.Write(Pr, 0xFFFFFFFF & ~0x20000000u); // input 2 falling edge
        _uic.Write(Tr, 0x20000000);
        _uic.Write(Sr, 0xFFFFFFFF);
        _uic.Write(Er, 0x20000000);
        Assert.Equal(0u, _uic.Read(Sr));

        _uic.GetInput(2).Set(true);
        Assert.Equal(0u, _uic.Read(Sr));
        Assert.False(_external.Level);

        _uic.GetInput(2).Set(false);
        Assert.Equal(0x20000000u, _uic.Read(Sr));
        Assert.True(_external.Level);
    }

    [Fact]
    public void Msr_IsSrAndEr_AndOutputsFollowEr()
    {
        ConfigureAllActiveHigh(trigger: 0);
        _uic.Write(Srs, 0xF0000000);
        Assert.Equal(0xF0000000u, _uic.Read(Sr));
        Assert.Equal(0xF0000000u, _uic.Read(Srs));
        Assert.Equal(0u, _uic.Read(Msr));
        Assert.False(_external.Level);

        _uic.Write(Er, 0x30000001);
        Assert.Equal(0x30000000u, _uic.Read(Msr));
        Assert.True(_external.Level);

        _uic.Write(Er, 0);
        Assert.False(_external.Level);
        Assert.Equal(0xF0000000u, _uic.Read(Sr));

        _uic.Write(Msr, 0xFFFFFFFF); // read-only
        Assert.Equal(0u, _uic.Read(Msr));
    }

    [Fact]
    public void CriticalAndNonCritical_AreRoutedByCr()
    {
        ConfigureAllActiveHigh(trigger: 0);
        _uic.Write(Cr, 0x10000000); // input 3 critical
        _uic.Write(Er, 0x18000000); // inputs 3 and 4 enabled

        _uic.GetInput(3).Set(true);
        Assert.True(_critical.Level);
        Assert.True(_uic.CriticalAsserted);
        Assert.False(_external.Level);

        _uic.GetInput(4).Set(true);
        Assert.True(_external.Level);

        _uic.GetInput(3).Set(false);
        Assert.False(_critical.Level);
        Assert.True(_external.Level);

        _uic.Write(Cr, 0x08000000); // make input 4 critical instead
        Assert.True(_critical.Level);
        Assert.False(_external.Level);
    }

    [Fact]
    public void Vr_VectorOfTheHighestPriorityCriticalInterrupt()
    {
        ConfigureAllActiveHigh(trigger: 0);
        _uic.Write(Cr, 0xFFFFFFFF);
        _uic.Write(Er, 0xFFFFFFFF);
        Assert.Equal(0u, _uic.Read(Vr));

        _uic.GetInput(3).Set(true);
        _uic.GetInput(7).Set(true);

        _uic.Write(Vcr, 0x10000003); // PRO=1: input 0 highest; bit 30 is not writable
        Assert.Equal(0x10000001u, _uic.Read(Vcr));
        Assert.Equal(0x10000000u + (512u * 3), _uic.Read(Vr));

        _uic.Write(Vcr, 0x10000000); // PRO=0: input 31 highest
        Assert.Equal(0x10000000u + (512u * (31 - 7)), _uic.Read(Vr));

        _uic.Write(Vr, 0); // read-only
        Assert.Equal(0x10000000u + (512u * 24), _uic.Read(Vr));

        _uic.Write(Cr, 0);
        Assert.Equal(0u, _uic.Read(Vr));
    }

    [Fact]
    public void NullCriticalOutput_IsAllowed()
    {
        var external = new RecordingLine();
        var uic = new Uic(0xD0, external, null);
        uic.Write(0xD4, 0xFFFFFFFF);
        uic.Write(0xD3, 0x80000000);
        uic.Write(0xD2, 0xC0000000);
        uic.GetInput(0).Set(true);
        Assert.True(uic.CriticalAsserted);
        Assert.False(external.Level);
        uic.GetInput(1).Set(true);
        Assert.True(external.Level);
    }

    [Fact]
    public void Reset_ClearsControlRegistersAndDeassertsOutputs()
    {
        ConfigureAllActiveHigh(trigger: 0x0000FFFF);
        _uic.Write(Cr, 0x00000001);
        _uic.Write(Er, 0xFFFFFFFF);
        _uic.Write(Vcr, 0x00001001);
        _uic.GetInput(0).Set(true);
        _uic.GetInput(31).Set(true);
        Assert.True(_external.Level);
        Assert.True(_critical.Level);

        _uic.Reset();

        Assert.False(_external.Level);
        Assert.False(_critical.Level);
        Assert.Equal(0u, _uic.Read(Er));
        Assert.Equal(0u, _uic.Read(Cr));
        Assert.Equal(0u, _uic.Read(Pr));
        Assert.Equal(0u, _uic.Read(Tr));
        Assert.Equal(0u, _uic.Read(Vcr));
        Assert.Equal(0x7FFFFFFEu, _uic.Read(Sr)); // wires 0 and 31 high: inactive for active-low
    }

    [Fact]
    public void GetInput_ValidatesAndReturnsAStableLine()
    {
        Assert.Same(_uic.GetInput(9), _uic.GetInput(9));
        Assert.Throws<ArgumentOutOfRangeException>(() => _uic.GetInput(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => _uic.GetInput(32));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Uic(1020, new RecordingLine(), null));
    }

    private void ConfigureAllActiveHigh(uint trigger)
    {
        _uic.Write(Pr, 0xFFFFFFFF);
        _uic.Write(Tr, trigger);
        _uic.Write(Sr, 0xFFFFFFFF);
        Assert.Equal(0u, _uic.Read(Sr));
    }
}
