using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DemiKV.Storage;

/// <summary>
/// A dense array of structs kept in fixed-size pages, so growing never copies what is stored: a new page is
/// allocated and nothing moves. Only the first page grows by doubling (copying at most one page) while the list is
/// smaller than a page, so a small list stays small. Removing from the end drops a page once a whole spare page
/// beyond the last used one is free (one spare is kept, so a count that moves around a page boundary does not
/// allocate and drop a page each time). An empty list holds no page at all.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public sealed class PagedList<T>
    where T : struct
{
    private const int FirstCapacity = 4;

    private readonly int pageShift;
    private readonly int pageMask;
    private T[][] pages;
    private int pageCount;

    /// <summary>Creates an empty list whose pages hold 2^<paramref name="pageShift"/> elements.</summary>
    public PagedList(int pageShift)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageShift, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageShift, 24);
        this.pageShift = pageShift;
        pageMask = (1 << pageShift) - 1;
        pages = [];
    }

    /// <summary>How many elements.</summary>
    public int Count { get; private set; }

    /// <summary>Elements one page holds.</summary>
    public int PageSize => pageMask + 1;

    /// <summary>Pages allocated now (the used ones and at most one spare).</summary>
    public int PageCount => pageCount;

    /// <summary>The element at <paramref name="position"/> (0 ≤ position &lt; <see cref="Count"/>), by reference.</summary>
    public ref T this[int position]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            if ((uint)position >= (uint)Count)
            {
                ThrowOutOfRange(position);
            }

            // A position below Count is on an allocated page and inside it (the first page, while smaller than a
            // full one, holds every element), so the arrays' own bounds checks can be skipped on this hot path.
            T[] page = Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(pages), position >> pageShift);
            return ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(page), position & pageMask);
        }
    }

    /// <summary>
    /// Appends a default element and returns it by reference, to be filled in. The reference is valid until the next
    /// <see cref="Add"/> (which may move the first page while it is still growing).
    /// </summary>
    public ref T Add()
    {
        int position = Count;
        int page = position >> pageShift;
        if (pageCount == 0)
        {
            pages = [new T[Math.Min(FirstCapacity, PageSize)]];
            pageCount = 1;
        }
        else if (page == 0 && position == pages[0].Length)
        {
            GrowFirstPage();
        }
        else if (page > 0 && page == pageCount)
        {
            AddPage();
        }

        Count = position + 1;
        return ref pages[page][position & pageMask];
    }

    /// <summary>Removes the last element (clearing its slot, so the references it held can be collected).</summary>
    public void RemoveLast()
    {
        if (Count == 0)
        {
            throw new InvalidOperationException("The list is empty.");
        }

        Count--;
        pages[Count >> pageShift][Count & pageMask] = default;
        int used = (Count + pageMask) >> pageShift;
        if (pageCount > Math.Max(used, 1) + 1)
        {
            pages[--pageCount] = null!;
        }
    }

    /// <summary>Removes every element and returns the pages to the collector.</summary>
    public void Clear()
    {
        pages = [];
        pageCount = 0;
        Count = 0;
    }

    private void ThrowOutOfRange(int position) =>
        throw new ArgumentOutOfRangeException(nameof(position), position, $"The list holds {Count} elements.");

    // Only while the whole list fits in the first page: it doubles up to a full page.
    private void GrowFirstPage() => Array.Resize(ref pages[0], Math.Min(pages[0].Length * 2, PageSize));

    private void AddPage()
    {
        if (pageCount == pages.Length)
        {
            // Only the array of page references is copied: a few bytes per page.
            Array.Resize(ref pages, pages.Length * 2);
        }

        pages[pageCount++] = new T[PageSize];
    }
}
