/* cpubench.c - deterministic CPU-bound integer + memory workload for the
 * PPC440 bamboo guest runtime (tests/guests/bamboo).  Runs CRC32 over a
 * buffer, a prime sieve, integer matrix multiplies and a bubble sort,
 * prints a checksum per phase and a combined checksum, then resets. */
#include "lib.h"

#ifndef SCALE
#define SCALE 15
#endif

static uint8_t buf[256 * 1024];
static uint8_t sieve[1 << 20];
static int32_t ma[48][48], mb[48][48], mc[48][48];
static uint32_t arr[1500];
static uint32_t crctab[256];

static uint32_t lcg_state = 12345;
static uint32_t lcg(void) { lcg_state = lcg_state * 1103515245u + 12345u; return lcg_state >> 1; }

static uint32_t crc32(const uint8_t *p, uint32_t n, uint32_t c)
{
    c = ~c;
    while (n--)
        c = crctab[(c ^ *p++) & 0xff] ^ (c >> 8);
    return ~c;
}

static uint32_t phase_crc(void)
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++)
            c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
        crctab[i] = c;
    }
    for (uint32_t i = 0; i < sizeof(buf); i++)
        buf[i] = (uint8_t)lcg();
    uint32_t c = 0;
    for (int r = 0; r < 24 * SCALE; r++)
        c = crc32(buf, sizeof(buf), c);
    return c;
}

static uint32_t phase_sieve(void)
{
    uint32_t count = 0, sum = 0;
    for (int r = 0; r < 4 * SCALE; r++) {
        for (uint32_t i = 0; i < sizeof(sieve); i++)
            sieve[i] = 1;
        sieve[0] = sieve[1] = 0;
        for (uint32_t i = 2; i * i < sizeof(sieve); i++)
            if (sieve[i])
                for (uint32_t j = i * i; j < sizeof(sieve); j += i)
                    sieve[j] = 0;
        count = 0;
        for (uint32_t i = 0; i < sizeof(sieve); i++)
            if (sieve[i]) {
                count++;
                sum += i;
            }
    }
    return count ^ (sum << 1);
}

static uint32_t phase_matmul(void)
{
    uint32_t h = 0;
    for (int i = 0; i < 48; i++)
        for (int j = 0; j < 48; j++) {
            ma[i][j] = (int32_t)(lcg() % 201) - 100;
            mb[i][j] = (int32_t)(lcg() % 201) - 100;
        }
    for (int r = 0; r < 20 * SCALE; r++) {
        for (int i = 0; i < 48; i++)
            for (int j = 0; j < 48; j++) {
                int32_t s = 0;
                for (int k = 0; k < 48; k++)
                    s += ma[i][k] * mb[k][j];
                mc[i][j] = s;
            }
        for (int i = 0; i < 48; i++)
            for (int j = 0; j < 48; j++) {
                h = h * 31 + (uint32_t)mc[i][j];
                ma[i][j] = mc[i][j] % 97;
            }
    }
    return h;
}

static uint32_t phase_sort(void)
{
    uint32_t h = 0;
    for (int r = 0; r < 2 * SCALE; r++) {
        for (uint32_t i = 0; i < 1500; i++)
            arr[i] = lcg();
        for (uint32_t i = 0; i < 1500; i++)
            for (uint32_t j = 0; j + 1 < 1500 - i; j++)
                if (arr[j] > arr[j + 1]) {
                    uint32_t t = arr[j];
                    arr[j] = arr[j + 1];
                    arr[j + 1] = t;
                }
        for (uint32_t i = 0; i < 1500; i++)
            h = (h ^ arr[i]) * 16777619u;
    }
    return h;
}

int main(void)
{
    pr("cpubench: start\n");
    uint32_t a = phase_crc();
    pr("crc32   %x\n", a);
    uint32_t b = phase_sieve();
    pr("sieve   %x\n", b);
    uint32_t c = phase_matmul();
    pr("matmul  %x\n", c);
    uint32_t d = phase_sort();
    pr("sort    %x\n", d);
    pr("checksum %x\n", a ^ (b * 3) ^ (c * 5) ^ (d * 7));
    return 0;
}
