/* Test-only stand-in for Windows' bcryptprimitives.dll, for running baocao.exe under Wine 8
 * (Debian 12). Rust >= 1.78 takes its random seeds (HashMap keys) from ProcessPrng, which
 * Windows 10 and later have and Wine 8 lacks, so the exe would not start there. This DLL
 * exports ProcessPrng on top of RtlGenRandom (advapi32's SystemFunction036), which Wine has.
 * Built and placed beside the exe by scripts/wine/test.sh only; never shipped in the zip.
 *
 *   x86_64-w64-mingw32-gcc -shared -O2 -o bcryptprimitives.dll processprng.c -ladvapi32
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    while (len > 0) {
        ULONG chunk = len > 0x10000000 ? 0x10000000 : (ULONG)len;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        len -= chunk;
    }
    return TRUE;
}
