#ifndef CJPEG_SHIM_H
#define CJPEG_SHIM_H
// libjpeg-turbo reports errors by calling error_exit, which by default exits the process. Swift cannot setjmp,
// so the two entry points below wrap a whole decode or encode in setjmp/longjmp and return an error string instead.
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <setjmp.h>
#include <jpeglib.h>

typedef struct {
    struct jpeg_error_mgr base;
    jmp_buf jump;
    char message[JMSG_LENGTH_MAX];
} replicate_jpeg_error;

static void replicate_jpeg_error_exit(j_common_ptr info) {
    replicate_jpeg_error *e = (replicate_jpeg_error *)info->err;
    (*info->err->format_message)(info, e->message);
    longjmp(e->jump, 1);
}

// Limits for files nobody has checked: a 600-byte header can declare a 65500x65500 image (12 GB of pixels; the caller
// gives the most pixels it accepts), and a progressive file can repeat scans without end (libjpeg-turbo decodes
// each one; encoders write at most a few dozen).
#define REPLICATE_JPEG_MAX_SCANS 500

static void replicate_jpeg_fail(j_common_ptr info, const char *text) {
    replicate_jpeg_error *e = (replicate_jpeg_error *)info->err;
    snprintf(e->message, sizeof e->message, "%s", text);
    longjmp(e->jump, 1);
}

static void replicate_jpeg_progress(j_common_ptr info) {
    if (info->is_decompressor && ((j_decompress_ptr)info)->input_scan_number > REPLICATE_JPEG_MAX_SCANS)
        replicate_jpeg_fail(info, "more than 500 progressive scans");
}

// Warnings (e.g. "premature end of data") do not stop decoding; libjpeg's default prints them, which we skip.
static void replicate_jpeg_output_message(j_common_ptr info) { (void)info; }

/// Decodes `size` bytes of JPEG to interleaved 8-bit RGB, `*width × *height × 3`, in a malloc'd `*pixels` the
/// caller frees. Grayscale becomes RGB (R = G = B); CMYK/YCCK (Adobe, inverted) becomes RGB as C·K/255 etc.
/// Images of more than `max_pixels` pixels are refused before any is decoded.
/// With `min_shorter_side` > 0, libjpeg downscales in the DCT domain by the largest factor of 8, 4 or 2 that keeps
/// the shorter side at least that long (sizes round up); 0 decodes at full size.
/// Returns 0, or -1 with `error` filled.
static inline int replicate_jpeg_decode(const unsigned char *data, unsigned long size, int min_shorter_side,
                                        unsigned long long max_pixels, unsigned char **pixels, int *width, int *height,
                                        char *error, size_t error_size) {
    struct jpeg_decompress_struct info;
    replicate_jpeg_error err;
    unsigned char *volatile out = NULL;
    unsigned char *volatile row = NULL;
    *pixels = NULL;
    info.err = jpeg_std_error(&err.base);
    err.base.error_exit = replicate_jpeg_error_exit;
    err.base.output_message = replicate_jpeg_output_message;
    if (setjmp(err.jump)) {
        snprintf(error, error_size, "%s", err.message);
        jpeg_destroy_decompress(&info);
        free(out); free(row);
        return -1;
    }
    struct jpeg_progress_mgr progress = { .progress_monitor = replicate_jpeg_progress };
    jpeg_create_decompress(&info);
    info.progress = &progress;
    jpeg_mem_src(&info, data, size);
    jpeg_read_header(&info, TRUE);
    if ((unsigned long long)info.image_width * info.image_height > max_pixels) {
        char text[JMSG_LENGTH_MAX];
        snprintf(text, sizeof text, "a %ux%u image, more than the %llu pixels accepted", info.image_width,
                 info.image_height, max_pixels);
        replicate_jpeg_fail((j_common_ptr)&info, text);
    }
    int cmyk = info.jpeg_color_space == JCS_CMYK || info.jpeg_color_space == JCS_YCCK;
    info.out_color_space = cmyk ? JCS_CMYK : JCS_RGB;
    info.scale_num = 1;
    info.scale_denom = 1;
    if (min_shorter_side > 0) {
        unsigned shorter = info.image_width < info.image_height ? info.image_width : info.image_height;
        for (unsigned d = 8; d >= 2; d /= 2) {
            if ((shorter + d - 1) / d >= (unsigned)min_shorter_side) { info.scale_denom = d; break; }
        }
    }
    jpeg_start_decompress(&info);
    size_t w = info.output_width, h = info.output_height;
    out = (unsigned char *)malloc(w * h * 3);
    row = (unsigned char *)malloc(w * (size_t)info.output_components);
    if (!out || !row) {
        snprintf(error, error_size, "out of memory for a %zux%zu image", w, h);
        jpeg_destroy_decompress(&info);
        free(out); free(row);
        return -1;
    }
    while (info.output_scanline < info.output_height) {
        size_t y = info.output_scanline;
        JSAMPROW rows[1] = { row };
        jpeg_read_scanlines(&info, rows, 1);
        unsigned char *dst = out + y * w * 3;
        if (cmyk) {
            for (size_t x = 0; x < w; x++) {
                unsigned k = row[4 * x + 3];
                for (int c = 0; c < 3; c++) dst[3 * x + c] = (unsigned char)((row[4 * x + c] * k + 127) / 255);
            }
        } else {
            memcpy(dst, row, w * 3);
        }
    }
    jpeg_finish_decompress(&info);
    jpeg_destroy_decompress(&info);
    free(row);
    *pixels = out;
    *width = (int)w;
    *height = (int)h;
    return 0;
}

/// Encodes interleaved 8-bit pixels (`components` 1 = grayscale or 3 = RGB) as a baseline JPEG of `quality`
/// (1…100) in a malloc'd `*jpeg` of `*jpeg_size` bytes the caller frees. Returns 0, or -1 with `error` filled.
static inline int replicate_jpeg_encode(const unsigned char *pixels, int width, int height, int components,
                                        int quality, unsigned char **jpeg, unsigned long *jpeg_size,
                                        char *error, size_t error_size) {
    struct jpeg_compress_struct info;
    replicate_jpeg_error err;
    *jpeg = NULL;
    *jpeg_size = 0;
    info.err = jpeg_std_error(&err.base);
    err.base.error_exit = replicate_jpeg_error_exit;
    err.base.output_message = replicate_jpeg_output_message;
    if (setjmp(err.jump)) {
        // The memory destination may have reallocated its buffer without updating *jpeg: leave it (errors here
        // come from bad arguments, before any output is written).
        snprintf(error, error_size, "%s", err.message);
        jpeg_destroy_compress(&info);
        *jpeg = NULL;
        return -1;
    }
    jpeg_create_compress(&info);
    jpeg_mem_dest(&info, jpeg, jpeg_size);
    info.image_width = (JDIMENSION)width;
    info.image_height = (JDIMENSION)height;
    info.input_components = components;
    info.in_color_space = components == 1 ? JCS_GRAYSCALE : JCS_RGB;
    jpeg_set_defaults(&info);
    jpeg_set_quality(&info, quality, TRUE);
    jpeg_start_compress(&info, TRUE);
    while (info.next_scanline < info.image_height) {
        JSAMPROW rows[1] = { (JSAMPROW)(pixels + (size_t)info.next_scanline * (size_t)width * (size_t)components) };
        jpeg_write_scanlines(&info, rows, 1);
    }
    jpeg_finish_compress(&info);
    jpeg_destroy_compress(&info);
    return 0;
}
#endif
