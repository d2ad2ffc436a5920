/*
 * PpcVirt guest /init for the PPC440 Bamboo Linux 6.1 test kernel.
 *
 * Built as a static, stripped PowerPC (32-bit BE) binary and linked into the
 * kernel's built-in initramfs by linux/build-bamboo-kernel.sh.
 *
 * What it does, in order:
 *   1. makes sure fds 0/1/2 are /dev/console;
 *   2. prints "\nPPCVIRT-INIT-OK\n";
 *   3. mounts proc on /proc and copies /proc/cpuinfo to the console, then
 *      prints "PPCVIRT-CPUINFO-END\n";
 *   4. acts on the kernel command-line word ppcvirt_end=... which the kernel
 *      hands to init as the environment variable "ppcvirt_end":
 *        reboot   (default) print "PPCVIRT-END: reboot", reboot(RB_AUTOBOOT)
 *        poweroff print "PPCVIRT-END: poweroff", reboot(RB_POWER_OFF)
 *        loop     print "PPCVIRT-END: loop", sleep forever
 *        shell    print "PPCVIRT-END: shell", run a tiny line-oriented shell
 *                 on the console (echo, cat FILE, help, reboot, poweroff);
 *                 unknown commands are echoed back as "unknown: <line>".
 *
 * The output markers are parsed by PpcVirt's tests; keep them stable.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static void put(const char *s)
{
    size_t n = strlen(s);
    while (n > 0) {
        ssize_t w = write(1, s, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return;
        }
        s += w;
        n -= (size_t)w;
    }
}

static void setup_console(void)
{
    /* The kernel normally opens /dev/console as fds 0, 1 and 2 before it
       runs /init; do it ourselves if it could not. */
    if (fcntl(1, F_GETFD) < 0 || fcntl(0, F_GETFD) < 0 || fcntl(2, F_GETFD) < 0) {
        int fd = open("/dev/console", O_RDWR | O_NOCTTY);
        if (fd < 0)
            return;
        for (int i = 0; i < 3; i++)
            if (fd != i)
                dup2(fd, i);
        if (fd > 2)
            close(fd);
    }
}

/* Copies a file to the console; returns 0 on success. */
static int cat_file(const char *path)
{
    char buf[512];
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return -1;
    for (;;) {
        ssize_t r = read(fd, buf, sizeof buf - 1);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        if (r == 0)
            break;
        buf[r] = '\0';
        put(buf);
    }
    close(fd);
    return 0;
}

static void do_reboot(int how, const char *name)
{
    put("PPCVIRT-END: ");
    put(name);
    put("\n");
    sync();
    reboot(how);
    /* Only reached if reboot() failed. */
    put("PPCVIRT-END: reboot() failed\n");
}

static void sleep_forever(void)
{
    for (;;) {
        struct timespec ts = { 3600, 0 };
        nanosleep(&ts, NULL);
    }
}

/* Reads one line from fd 0 (without the newline). Returns length or -1 at EOF. */
static int read_line(char *line, int cap)
{
    int n = 0;
    for (;;) {
        char c;
        ssize_t r = read(0, &c, 1);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            return n > 0 ? n : -1;
        }
        if (r == 0)
            return n > 0 ? n : -1;
        if (c == '\r' || c == '\n')
            break;
        if (n < cap - 1)
            line[n++] = c;
    }
    line[n] = '\0';
    return n;
}

static void shell(void)
{
    char line[256];
    for (;;) {
        put("ppcvirt# ");
        int n = read_line(line, sizeof line);
        if (n < 0) {
            /* No console input at all: nothing left to do but wait. */
            sleep_forever();
        }
        char *cmd = line;
        while (*cmd == ' ' || *cmd == '\t')
            cmd++;
        char *end = cmd + strlen(cmd);
        while (end > cmd && (end[-1] == ' ' || end[-1] == '\t'))
            *--end = '\0';
        if (*cmd == '\0')
            continue;
        if (strcmp(cmd, "echo") == 0) {
            put("\n");
        } else if (strncmp(cmd, "echo ", 5) == 0) {
            put(cmd + 5);
            put("\n");
        } else if (strncmp(cmd, "cat ", 4) == 0) {
            const char *path = cmd + 4;
            while (*path == ' ')
                path++;
            if (cat_file(path) != 0) {
                put("cat: cannot open ");
                put(path);
                put("\n");
            }
        } else if (strcmp(cmd, "help") == 0) {
            put("commands: echo TEXT, cat FILE, help, reboot, poweroff\n");
        } else if (strcmp(cmd, "reboot") == 0) {
            do_reboot(RB_AUTOBOOT, "reboot");
        } else if (strcmp(cmd, "poweroff") == 0) {
            do_reboot(RB_POWER_OFF, "poweroff");
        } else {
            put("unknown: ");
            put(cmd);
            put("\n");
        }
    }
}

int main(void)
{
    setup_console();
    put("\nPPCVIRT-INIT-OK\n");

    mkdir("/proc", 0755);
    if (mount("proc", "/proc", "proc", 0, NULL) != 0)
        put("PPCVIRT-INIT: mount /proc failed\n");
    if (cat_file("/proc/cpuinfo") != 0)
        put("PPCVIRT-INIT: cannot open /proc/cpuinfo\n");
    put("PPCVIRT-CPUINFO-END\n");

    const char *end = getenv("ppcvirt_end");
    if (end == NULL || *end == '\0' || strcmp(end, "reboot") == 0) {
        do_reboot(RB_AUTOBOOT, "reboot");
    } else if (strcmp(end, "poweroff") == 0) {
        do_reboot(RB_POWER_OFF, "poweroff");
    } else if (strcmp(end, "loop") == 0) {
        put("PPCVIRT-END: loop\n");
    } else if (strcmp(end, "shell") == 0) {
        put("PPCVIRT-END: shell\n");
        shell();
    } else {
        put("PPCVIRT-END: unknown ppcvirt_end=");
        put(end);
        put(", looping\n");
    }
    /* Never return: init exiting panics the kernel. */
    sleep_forever();
    return 0;
}
