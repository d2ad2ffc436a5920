namespace PpcVirt.Engine.Tests.Loaders;

/// <summary>
/// The reference blob for <c>BambooDeviceTree.Build(128 MiB, "console=ttyS0,115200")</c>: the DTS
/// below (QEMU 7.2's bamboo tree after bamboo_load_device_tree) compiled with
/// <c>dtc -I dts -O dtb</c> (DTC 1.6.1), base64-encoded. Tests compare against it
/// byte for byte, so they do not need dtc.
/// </summary>
internal static class BambooDtbGolden
{
    public const string Dts = """
        /dts-v1/;
        / {
        	#address-cells = <0x02>; #size-cells = <0x01>; model = "amcc,bamboo"; compatible = "amcc,bamboo"; dcr-parent = <0x01>;
        	aliases { serial0 = "/plb/opb/serial@ef600300"; serial1 = "/plb/opb/serial@ef600400"; };
        	cpus { #address-cells = <0x01>; #size-cells = <0x00>;
        		cpu@0 { device_type = "cpu"; model = "PowerPC,440EP"; reg = <0x00>; clock-frequency = <0x17d78400>; timebase-frequency = <0x17d78400>; i-cache-line-size = <0x20>; d-cache-line-size = <0x20>; i-cache-size = <0x8000>; d-cache-size = <0x8000>; dcr-controller; dcr-access-method = "native"; phandle = <0x01>; }; };
        	memory { device_type = "memory"; reg = <0x00 0x00 0x8000000>; };
        	interrupt-controller0 { compatible = "ibm,uic-440ep\0ibm,uic"; interrupt-controller; cell-index = <0x00>; dcr-reg = <0xc0 0x09>; #address-cells = <0x00>; #size-cells = <0x00>; #interrupt-cells = <0x02>; phandle = <0x02>; };
        	sdr { compatible = "ibm,sdr-440ep"; dcr-reg = <0x0e 0x02>; };
        	cpr { compatible = "ibm,cpr-440ep"; dcr-reg = <0x0c 0x02>; };
        	plb { compatible = "ibm,plb-440ep\0ibm,plb-440gp\0ibm,plb4"; #address-cells = <0x02>; #size-cells = <0x01>; ranges; clock-frequency = <0x7f28154>;
        		sdram { compatible = "ibm,sdram-440ep\0ibm,sdram-405gp"; dcr-reg = <0x10 0x02>; };
        		dma { compatible = "ibm,dma-440ep\0ibm,dma-440gp"; dcr-reg = <0x100 0x27>; };
        		opb { compatible = "ibm,opb-440ep\0ibm,opb-440gp\0ibm,opb"; #address-cells = <0x01>; #size-cells = <0x01>; ranges = <0x00 0x00 0x00 0x80000000 0x80000000 0x00 0x80000000 0x80000000>; interrupts = <0x07 0x04>; clock-frequency = <0x3f940aa>;
        			ebc { compatible = "ibm,ebc-440ep\0ibm,ebc-440gp\0ibm,ebc"; dcr-reg = <0x12 0x02>; #address-cells = <0x02>; #size-cells = <0x01>; clock-frequency = <0x3f940aa>; interrupts = <0x05 0x01>; };
        			serial@ef600300 { device_type = "serial"; compatible = "ns16550"; reg = <0xef600300 0x08>; virtual-reg = <0xef600300>; clock-frequency = <0xa8c000>; current-speed = <0x1c200>; interrupt-parent = <0x02>; interrupts = <0x00 0x04>; };
        			serial@ef600400 { device_type = "serial"; compatible = "ns16550"; reg = <0xef600400 0x08>; virtual-reg = <0xef600400>; clock-frequency = <0xa8c000>; current-speed = <0x00>; interrupt-parent = <0x02>; interrupts = <0x01 0x04>; };
        			i2c@ef600700 { device_type = "i2c"; compatible = "ibm,iic-440ep\0ibm,iic-440gp\0ibm,iic"; reg = <0xef600700 0x14>; interrupt-parent = <0x02>; interrupts = <0x02 0x04>; };
        			i2c@ef600800 { device_type = "i2c"; compatible = "ibm,iic-440ep\0ibm,iic-440gp\0ibm,iic"; reg = <0xef600800 0x0e>; interrupt-parent = <0x02>; interrupts = <0x07 0x04>; };
        			emac-zmii@ef600d00 { device_type = "zmii-interface"; compatible = "ibm,zmii-440ep\0ibm,zmii-440gp\0ibm,zmii"; reg = <0xef600d00 0x0c>; }; };
        		pci@ec000000 { device_type = "pci"; #interrupt-cells = <0x01>; #size-cells = <0x02>; #address-cells = <0x03>; compatible = "ibm,plb440ep-pci\0ibm,plb-pci"; primary; reg = <0x00 0xeec00000 0x08 0x00 0xeed00000 0x04 0x00 0xeed00000 0x04 0x00 0xef400000 0x40>; ranges = <0x2000000 0x00 0xa0000000 0x00 0xa0000000 0x00 0x20000000 0x1000000 0x00 0x00 0x00 0xe8000000 0x00 0x10000>; dma-ranges = <0x42000000 0x00 0x00 0x00 0x00 0x00 0x80000000>; interrupt-map-mask = <0xf800 0x00 0x00 0x00>; interrupt-map = <0x800 0x00 0x00 0x00 0x02 0x1c 0x08 0x1000 0x00 0x00 0x00 0x02 0x1b 0x08 0x1800 0x00 0x00 0x00 0x02 0x1a 0x08 0x2000 0x00 0x00 0x00 0x02 0x19 0x08>; }; };
        	chosen { bootargs = "console=ttyS0,115200"; linux,initrd-end = <0x1900000>; linux,initrd-start = <0x1900000>; linux,stdout-path = "/plb/opb/serial@ef600300"; };
        };
        """;

    public static byte[] Blob => Convert.FromBase64String(
        "0A3+7QAADNYAAAA4AAALDAAAACgAAAARAAAAEAAAAAAAAAHKAAAK1AAAAAAAAAAAAAAAAAAAAAAAAAABAAAAAAAAAAMAAAAEAAAA" +
        "AAAAAAIAAAADAAAABAAAAA8AAAABAAAAAwAAAAwAAAAbYW1jYyxiYW1ib28AAAAAAwAAAAwAAAAhYW1jYyxiYW1ib28AAAAAAwAA" +
        "AAQAAAAsAAAAAQAAAAFhbGlhc2VzAAAAAAMAAAAZAAAANy9wbGIvb3BiL3NlcmlhbEBlZjYwMDMwMAAAAAAAAAADAAAAGQAAAD8v" +
        "cGxiL29wYi9zZXJpYWxAZWY2MDA0MDAAAAAAAAAAAgAAAAFjcHVzAAAAAAAAAAMAAAAEAAAAAAAAAAEAAAADAAAABAAAAA8AAAAA" +
        "AAAAAWNwdUAwAAAAAAAAAwAAAAQAAABHY3B1AAAAAAMAAAAOAAAAG1Bvd2VyUEMsNDQwRVAAAAAAAAADAAAABAAAAFMAAAAAAAAA" +
        "AwAAAAQAAABXF9eEAAAAAAMAAAAEAAAAZxfXhAAAAAADAAAABAAAAHoAAAAgAAAAAwAAAAQAAACMAAAAIAAAAAMAAAAEAAAAngAA" +
        "gAAAAAADAAAABAAAAKsAAIAAAAAAAwAAAAAAAAC4AAAAAwAAAAcAAADHbmF0aXZlAAAAAAADAAAABAAAANkAAAABAAAAAgAAAAIA" +
        "AAABbWVtb3J5AAAAAAADAAAABwAAAEdtZW1vcnkAAAAAAAMAAAAMAAAAUwAAAAAAAAAACAAAAAAAAAIAAAABaW50ZXJydXB0LWNv" +
        "bnRyb2xsZXIwAAAAAAAAAwAAABYAAAAhaWJtLHVpYy00NDBlcABpYm0sdWljAAAAAAAAAwAAAAAAAADhAAAAAwAAAAQAAAD2AAAA" +
        "AAAAAAMAAAAIAAABAQAAAMAAAAAJAAAAAwAAAAQAAAAAAAAAAAAAAAMAAAAEAAAADwAAAAAAAAADAAAABAAAAQkAAAACAAAAAwAA" +
        "AAQAAADZAAAAAgAAAAIAAAABc2RyAAAAAAMAAAAOAAAAIWlibSxzZHItNDQwZXAAAAAAAAADAAAACAAAAQEAAAAOAAAAAgAAAAIA" +
        "AAABY3ByAAAAAAMAAAAOAAAAIWlibSxjcHItNDQwZXAAAAAAAAADAAAACAAAAQEAAAAMAAAAAgAAAAIAAAABcGxiAAAAAAMAAAAl" +
        "AAAAIWlibSxwbGItNDQwZXAAaWJtLHBsYi00NDBncABpYm0scGxiNAAAAAAAAAADAAAABAAAAAAAAAACAAAAAwAAAAQAAAAPAAAA" +
        "AQAAAAMAAAAAAAABGgAAAAMAAAAEAAAAVwfygVQAAAABc2RyYW0AAAAAAAADAAAAIAAAACFpYm0sc2RyYW0tNDQwZXAAaWJtLHNk" +
        "cmFtLTQwNWdwAAAAAAMAAAAIAAABAQAAABAAAAACAAAAAgAAAAFkbWEAAAAAAwAAABwAAAAhaWJtLGRtYS00NDBlcABpYm0sZG1h" +
        "LTQ0MGdwAAAAAAMAAAAIAAABAQAAAQAAAAAnAAAAAgAAAAFvcGIAAAAAAwAAACQAAAAhaWJtLG9wYi00NDBlcABpYm0sb3BiLTQ0" +
        "MGdwAGlibSxvcGIAAAAAAwAAAAQAAAAAAAAAAQAAAAMAAAAEAAAADwAAAAEAAAADAAAAIAAAARoAAAAAAAAAAAAAAACAAAAAgAAA" +
        "AAAAAACAAAAAgAAAAAAAAAMAAAAIAAABIQAAAAcAAAAEAAAAAwAAAAQAAABXA/lAqgAAAAFlYmMAAAAAAwAAACQAAAAhaWJtLGVi" +
        "Yy00NDBlcABpYm0sZWJjLTQ0MGdwAGlibSxlYmMAAAAAAwAAAAgAAAEBAAAAEgAAAAIAAAADAAAABAAAAAAAAAACAAAAAwAAAAQA" +
        "AAAPAAAAAQAAAAMAAAAEAAAAVwP5QKoAAAADAAAACAAAASEAAAAFAAAAAQAAAAIAAAABc2VyaWFsQGVmNjAwMzAwAAAAAAMAAAAH" +
        "AAAAR3NlcmlhbAAAAAAAAwAAAAgAAAAhbnMxNjU1MAAAAAADAAAACAAAAFPvYAMAAAAACAAAAAMAAAAEAAABLO9gAwAAAAADAAAA" +
        "BAAAAFcAqMAAAAAAAwAAAAQAAAE4AAHCAAAAAAMAAAAEAAABRgAAAAIAAAADAAAACAAAASEAAAAAAAAABAAAAAIAAAABc2VyaWFs" +
        "QGVmNjAwNDAwAAAAAAMAAAAHAAAAR3NlcmlhbAAAAAAAAwAAAAgAAAAhbnMxNjU1MAAAAAADAAAACAAAAFPvYAQAAAAACAAAAAMA" +
        "AAAEAAABLO9gBAAAAAADAAAABAAAAFcAqMAAAAAAAwAAAAQAAAE4AAAAAAAAAAMAAAAEAAABRgAAAAIAAAADAAAACAAAASEAAAAB" +
        "AAAABAAAAAIAAAABaTJjQGVmNjAwNzAwAAAAAAAAAAMAAAAEAAAAR2kyYwAAAAADAAAAJAAAACFpYm0saWljLTQ0MGVwAGlibSxp" +
        "aWMtNDQwZ3AAaWJtLGlpYwAAAAADAAAACAAAAFPvYAcAAAAAFAAAAAMAAAAEAAABRgAAAAIAAAADAAAACAAAASEAAAACAAAABAAA" +
        "AAIAAAABaTJjQGVmNjAwODAwAAAAAAAAAAMAAAAEAAAAR2kyYwAAAAADAAAAJAAAACFpYm0saWljLTQ0MGVwAGlibSxpaWMtNDQw" +
        "Z3AAaWJtLGlpYwAAAAADAAAACAAAAFPvYAgAAAAADgAAAAMAAAAEAAABRgAAAAIAAAADAAAACAAAASEAAAAHAAAABAAAAAIAAAAB" +
        "ZW1hYy16bWlpQGVmNjAwZDAwAAAAAAADAAAADwAAAEd6bWlpLWludGVyZmFjZQAAAAAAAwAAACcAAAAhaWJtLHptaWktNDQwZXAA" +
        "aWJtLHptaWktNDQwZ3AAaWJtLHptaWkAAAAAAAMAAAAIAAAAU+9gDQAAAAAMAAAAAgAAAAIAAAABcGNpQGVjMDAwMDAwAAAAAAAA" +
        "AAMAAAAEAAAAR3BjaQAAAAADAAAABAAAAQkAAAABAAAAAwAAAAQAAAAPAAAAAgAAAAMAAAAEAAAAAAAAAAMAAAADAAAAHQAAACFp" +
        "Ym0scGxiNDQwZXAtcGNpAGlibSxwbGItcGNpAAAAAAAAAAMAAAAAAAABVwAAAAMAAAAwAAAAUwAAAADuwAAAAAAACAAAAADu0AAA" +
        "AAAABAAAAADu0AAAAAAABAAAAADvQAAAAAAAQAAAAAMAAAA4AAABGgIAAAAAAAAAoAAAAAAAAACgAAAAAAAAACAAAAABAAAAAAAA" +
        "AAAAAAAAAAAA6AAAAAAAAAAAAQAAAAAAAwAAABwAAAFfQgAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAgAAAAAAAAAMAAAAQAAABagAA" +
        "+AAAAAAAAAAAAAAAAAAAAAADAAAAcAAAAX0AAAgAAAAAAAAAAAAAAAAAAAAAAgAAABwAAAAIAAAQAAAAAAAAAAAAAAAAAAAAAAIA" +
        "AAAbAAAACAAAGAAAAAAAAAAAAAAAAAAAAAACAAAAGgAAAAgAACAAAAAAAAAAAAAAAAAAAAAAAgAAABkAAAAIAAAAAgAAAAIAAAAB" +
        "Y2hvc2VuAAAAAAADAAAAFQAAAYtjb25zb2xlPXR0eVMwLDExNTIwMAAAAAAAAAADAAAABAAAAZQBkAAAAAAAAwAAAAQAAAGlAZAA" +
        "AAAAAAMAAAAZAAABuC9wbGIvb3BiL3NlcmlhbEBlZjYwMDMwMAAAAAAAAAACAAAAAgAAAAkjYWRkcmVzcy1jZWxscwAjc2l6ZS1j" +
        "ZWxscwBtb2RlbABjb21wYXRpYmxlAGRjci1wYXJlbnQAc2VyaWFsMABzZXJpYWwxAGRldmljZV90eXBlAHJlZwBjbG9jay1mcmVx" +
        "dWVuY3kAdGltZWJhc2UtZnJlcXVlbmN5AGktY2FjaGUtbGluZS1zaXplAGQtY2FjaGUtbGluZS1zaXplAGktY2FjaGUtc2l6ZQBk" +
        "LWNhY2hlLXNpemUAZGNyLWNvbnRyb2xsZXIAZGNyLWFjY2Vzcy1tZXRob2QAcGhhbmRsZQBpbnRlcnJ1cHQtY29udHJvbGxlcgBj" +
        "ZWxsLWluZGV4AGRjci1yZWcAI2ludGVycnVwdC1jZWxscwByYW5nZXMAaW50ZXJydXB0cwB2aXJ0dWFsLXJlZwBjdXJyZW50LXNw" +
        "ZWVkAGludGVycnVwdC1wYXJlbnQAcHJpbWFyeQBkbWEtcmFuZ2VzAGludGVycnVwdC1tYXAtbWFzawBpbnRlcnJ1cHQtbWFwAGJv" +
        "b3RhcmdzAGxpbnV4LGluaXRyZC1lbmQAbGludXgsaW5pdHJkLXN0YXJ0AGxpbnV4LHN0ZG91dC1wYXRoAA==");
}
