/* hello.c - simplest guest: print a banner and reset. */
#include "lib.h"

int main(void)
{
    puts_("Hello from PPC440 bamboo guest\n");
    return 0;
}
