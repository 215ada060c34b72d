package io.aihelpdesk.tools.incident;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The POSIX ustar subset bundles need: regular files with paths up to 255 bytes, written and read
 * whole. {@code tar -xzf} on Linux and macOS reads what this writes. Reading is capped so a
 * hostile or damaged archive cannot exhaust memory.
 */
final class Tar {
    private static final int BLOCK = 512;
    /** Largest bundle read back into memory. */
    static final long MAX_READ = 256L * 1024 * 1024;

    private Tar() {
    }

    static void write(OutputStream out, Map<String, byte[]> files, long mtimeSeconds) throws IOException {
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            out.write(header(f.getKey(), f.getValue().length, mtimeSeconds));
            out.write(f.getValue());
            int pad = (BLOCK - f.getValue().length % BLOCK) % BLOCK;
            out.write(new byte[pad]);
        }
        out.write(new byte[2 * BLOCK]);
    }

    static Map<String, byte[]> read(InputStream in) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        byte[] header = new byte[BLOCK];
        long total = 0;
        while (readBlock(in, header)) {
            if (isZero(header)) {
                break;
            }
            String name = string(header, 0, 100);
            String prefix = string(header, 345, 155);
            String path = prefix.isEmpty() ? name : prefix + "/" + name;
            long size = Long.parseLong(string(header, 124, 12).trim().isEmpty() ? "0" : string(header, 124, 12).trim(), 8);
            total += size;
            if (size < 0 || total > MAX_READ) {
                throw new IOException("archive holds more than " + MAX_READ + " bytes; not reading it into memory");
            }
            byte[] data = in.readNBytes((int) size);
            if (data.length != size) {
                throw new EOFException("archive ends inside " + path + " (" + data.length + " of " + size + " bytes)");
            }
            in.skipNBytes((BLOCK - size % BLOCK) % BLOCK);
            byte type = header[156];
            if (type == '0' || type == 0) {
                files.put(path, data);
            }
        }
        return files;
    }

    private static byte[] header(String path, long size, long mtime) throws IOException {
        byte[] h = new byte[BLOCK];
        byte[] p = path.getBytes(StandardCharsets.UTF_8);
        String name = path;
        String prefix = "";
        if (p.length > 100) {
            int cut = path.lastIndexOf('/', path.length() - 1);
            while (cut > 0 && (path.substring(cut + 1).getBytes(StandardCharsets.UTF_8).length > 100
                    || path.substring(0, cut).getBytes(StandardCharsets.UTF_8).length > 155)) {
                cut = path.lastIndexOf('/', cut - 1);
            }
            if (cut <= 0) {
                throw new IOException("path too long for a tar entry: " + path);
            }
            prefix = path.substring(0, cut);
            name = path.substring(cut + 1);
        }
        put(h, 0, 100, name);
        put(h, 100, 8, "0000644");
        put(h, 108, 8, "0000000");
        put(h, 116, 8, "0000000");
        put(h, 124, 12, String.format("%011o", size));
        put(h, 136, 12, String.format("%011o", mtime));
        java.util.Arrays.fill(h, 148, 156, (byte) ' ');
        h[156] = '0';
        put(h, 257, 6, "ustar");
        put(h, 263, 2, "00");
        put(h, 265, 32, "aihelpdesk");
        put(h, 297, 32, "aihelpdesk");
        put(h, 345, 155, prefix);
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        put(h, 148, 8, String.format("%06o", sum) + "\0 ");
        return h;
    }

    private static void put(byte[] h, int offset, int length, String value) {
        byte[] b = value.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(b, 0, h, offset, Math.min(b.length, length));
    }

    private static String string(byte[] h, int offset, int length) {
        int end = offset;
        while (end < offset + length && h[end] != 0) {
            end++;
        }
        return new String(h, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static boolean readBlock(InputStream in, byte[] block) throws IOException {
        int n = in.readNBytes(block, 0, BLOCK);
        return n == BLOCK;
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    static byte[] bytes(Map<String, byte[]> files, long mtime) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, files, mtime);
        return out.toByteArray();
    }
}
