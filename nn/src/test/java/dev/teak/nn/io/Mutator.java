package dev.teak.nn.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Damages a valid file the ways real corruption and hostile files do: flipped bits, truncation,
 * inserted bytes, a forged header length, and a number inside the header replaced (with the
 * length field kept consistent, so the damage reaches the shape and offset checks).
 */
final class Mutator {
    static final int KINDS = 6;

    private final int lengthAt, lengthBytes, headerAt;

    /** {@code lengthAt}/{@code lengthBytes}: the little-endian header length field; {@code headerAt}: where the header text starts. */
    Mutator(int lengthAt, int lengthBytes, int headerAt) {
        this.lengthAt = lengthAt;
        this.lengthBytes = lengthBytes;
        this.headerAt = headerAt;
    }

    byte[] apply(byte[] valid, int kind, int pos, long value) {
        byte[] b = valid.clone();
        int p = Math.floorMod(pos, b.length);
        switch (kind) {
            case 0: b[p] ^= (byte) (1 << Math.floorMod(value, 8)); return b;
            case 1: b[p] = (byte) value; b[Math.floorMod(pos * 31 + 7, b.length)] = (byte) (value >> 8); return b;
            case 2: return Arrays.copyOf(b, p);
            case 3: {
                byte[] out = new byte[b.length + 1 + (int) Math.floorMod(value, 16)];
                System.arraycopy(b, 0, out, 0, p);
                System.arraycopy(b, p, out, out.length - (b.length - p), b.length - p);
                return out;
            }
            case 4: {
                ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
                long v = pos % 3 == 0 ? value : pos % 3 == 1 ? headerLength(b) + Math.floorMod(value, 17) - 8 : (value & 0xffff);
                if (lengthBytes == 8) bb.putLong(lengthAt, v);
                else if (lengthBytes == 4) bb.putInt(lengthAt, (int) v);
                else bb.putShort(lengthAt, (short) v);
                return b;
            }
            default: return replaceNumber(b, p, value);
        }
    }

    private long headerLength(byte[] b) {
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        return lengthBytes == 8 ? bb.getLong(lengthAt) : lengthBytes == 4 ? bb.getInt(lengthAt) & 0xffffffffL : bb.getShort(lengthAt) & 0xffff;
    }

    /** Replaces one run of digits in the header with another number and fixes the length field. */
    private byte[] replaceNumber(byte[] b, int pick, long value) {
        int end = (int) Math.min(b.length, headerAt + headerLength(b));
        List<int[]> runs = new ArrayList<>();
        for (int i = headerAt; i < end; i++) {
            if (Character.isDigit(b[i])) {
                int j = i;
                while (j < end && Character.isDigit(b[j])) j++;
                runs.add(new int[] {i, j});
                i = j;
            }
        }
        if (runs.isEmpty()) return b;
        int[] run = runs.get(pick % runs.size());
        String[] choices = {Long.toString(Math.floorMod(value, 10)), Long.toString(Math.floorMod(value, 100_000)),
                Long.toUnsignedString(value), "0", "18446744073709551616", "2147483648"};
        byte[] num = choices[Math.floorMod(value >> 3, choices.length)].getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] out = new byte[b.length - (run[1] - run[0]) + num.length];
        System.arraycopy(b, 0, out, 0, run[0]);
        System.arraycopy(num, 0, out, run[0], num.length);
        System.arraycopy(b, run[1], out, run[0] + num.length, b.length - run[1]);
        long newLength = headerLength(b) + num.length - (run[1] - run[0]);
        ByteBuffer bb = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        if (lengthBytes == 8) bb.putLong(lengthAt, newLength);
        else if (lengthBytes == 4) bb.putInt(lengthAt, (int) newLength);
        else bb.putShort(lengthAt, (short) newLength);
        return out;
    }
}
