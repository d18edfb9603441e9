#if canImport(Glibc)
/// glibc's `int mallopt(int param, int value)` (`<malloc.h>` is not in the Glibc module).
@_silgen_name("mallopt") private func glibcMallopt(_ param: Int32, _ value: Int32) -> Int32
#endif

/// Where tensors get their memory: `malloc`, with glibc told to keep freed blocks for reuse.
///
/// By default glibc serves blocks over 128 KiB (every activation) with fresh `mmap`s and returns them on
/// `free`, so each training step page-faults and kernel-zeroes all its activations again (about a tenth
/// of a convnet-s step). With mmap off (`M_MMAP_MAX` 0; `M_MMAP_THRESHOLD` cannot exceed 32 MiB, smaller
/// than ResNet activations) and no trimming, the next step's tensors reuse the previous step's pages;
/// peak RSS stays the peak working set. Memory safety is malloc's: a block is reused only once freed.
enum Allocator {
    private static let configured: Bool = {
        #if canImport(Glibc)
        // <malloc.h>: M_TRIM_THRESHOLD = -1, M_MMAP_MAX = -4.
        _ = glibcMallopt(-4, 0)
        _ = glibcMallopt(-1, Int32.max)
        #endif
        return true
    }()

    /// `count` uninitialised floats, freed with `deallocate()`.
    @inline(__always)
    static func floats(_ count: Int) -> UnsafeMutablePointer<Float> {
        _ = configured
        return .allocate(capacity: count)
    }
}
