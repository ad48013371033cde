/* Test-only: holds a file open the way Excel holds an open workbook (others may read it, no
 * one may write, rename over or delete it) until a second file appears, so that
 * scripts/wine/test.sh can check what baocao.exe does with an output or an input "open in
 * Excel". Never shipped.
 *
 *   hold.exe FILE READY STOP [SHARE]
 * opens FILE, creates READY, waits (at most 60 s) until STOP exists, closes FILE. SHARE is
 * "read" (the default, Excel's way) or "none" (no sharing at all: not even reading).
 */
#include <windows.h>
#include <stdio.h>
#include <string.h>

int wmain(int argc, wchar_t **argv)
{
    if (argc < 4)
        return 2;
    DWORD share = FILE_SHARE_READ;
    if (argc > 4 && wcscmp(argv[4], L"none") == 0)
        share = 0;
    HANDLE h = CreateFileW(argv[1], GENERIC_READ | GENERIC_WRITE, share, NULL, OPEN_EXISTING,
                           FILE_ATTRIBUTE_NORMAL, NULL);
    if (h == INVALID_HANDLE_VALUE) {
        fprintf(stderr, "hold: cannot open the file (error %lu)\n", GetLastError());
        return 1;
    }
    /* Shared fully: a file just deleted may come back with the same inode, which wineserver
     * can still count as open by the previous hold.exe for a moment. */
    HANDLE ready = CreateFileW(argv[2], GENERIC_WRITE,
                               FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL,
                               CREATE_ALWAYS, 0, NULL);
    if (ready == INVALID_HANDLE_VALUE) {
        fprintf(stderr, "hold: cannot create the ready file (error %lu)\n", GetLastError());
        CloseHandle(h);
        return 1;
    }
    CloseHandle(ready);
    for (int i = 0; i < 600 && GetFileAttributesW(argv[3]) == INVALID_FILE_ATTRIBUTES; i++)
        Sleep(100);
    CloseHandle(h);
    return 0;
}
