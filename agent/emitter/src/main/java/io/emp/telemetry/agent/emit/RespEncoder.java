package io.emp.telemetry.agent.emit;

import io.emp.telemetry.schema.EntrySink;
import io.emp.telemetry.schema.Utf8;

import java.io.Writer;
import java.util.Arrays;

/**
 * Builds one Redis command as the bytes of a RESP array of bulk strings, in one reused buffer, and hands it
 * out as one exact-size array: the writer's per-entry cost is that array, not a map, a string per field and a
 * byte array per argument (what going through Jedis's {@code CommandArguments} allocated). As an
 * {@link EntrySink} it takes an event's fields from {@code EventCodec} as argument pairs. Writer thread only.
 */
final class RespEncoder implements EntrySink {
    /** Room kept in front of the arguments for the {@code *<count>\r\n} header, written once the count is known. */
    private static final int HEADER_ROOM = 16;

    private byte[] buf = new byte[2048];
    private int pos = HEADER_ROOM;
    private int args;
    /** Where the entry's fields began: {@link #clear()} returns here. */
    private int fieldsPos = HEADER_ROOM;
    private int fieldsArgs;
    private int fieldBytes;
    private final CharBufferWriter value = new CharBufferWriter();
    private String valueName;

    /** Starts a command with its name. */
    RespEncoder command(String name) {
        pos = HEADER_ROOM;
        args = 0;
        fieldBytes = 0;
        return arg(name);
    }

    RespEncoder arg(String s) {
        bulk(s);
        return this;
    }

    /** Writes {@code s} as a bulk string; returns its length in bytes. */
    private int bulk(String s) {
        int chars = s.length();
        ensure(3 * chars + 32); // a char takes at most 3 bytes in UTF-8 (a surrogate pair 4 for two)
        int guess = decimalLength(chars); // the header's digits when every char is one byte
        int start = pos + guess + 3;
        return bulkEnd(start, Utf8.encode(s, buf, start), guess);
    }

    /**
     * Completes a bulk string whose bytes were encoded at {@code start..end}, right after room for a
     * {@code $<len>\r\n} header of {@code guessDigits} digits; moves the bytes when the length has other digits.
     */
    private int bulkEnd(int start, int end, int guessDigits) {
        int len = end - start;
        int digits = decimalLength(len);
        if (digits != guessDigits) System.arraycopy(buf, start, buf, pos + digits + 3, len);
        args++;
        buf[pos++] = '$';
        writeDecimal(len, digits);
        buf[pos++] = '\r';
        buf[pos++] = '\n';
        pos += len;
        crlf();
        return len;
    }

    RespEncoder arg(long v) {
        // Decimal digits of a long are ASCII and at most 20 characters.
        ensure(32);
        int digits = decimalLength(v);
        args++;
        buf[pos++] = '$';
        writeDecimal(digits, 1 + (digits >= 10 ? 1 : 0));
        crlf();
        writeDecimal(v, digits);
        return crlf();
    }

    /** Marks the start of an entry's fields (after {@code XADD key … *}); what follows are field/value pairs. */
    RespEncoder fields() {
        fieldsPos = pos;
        fieldsArgs = args;
        fieldBytes = 0;
        return this;
    }

    /** The command as one array: {@code *<args>\r\n} then the arguments. */
    byte[] toBytes() {
        int digits = decimalLength(args);
        int start = HEADER_ROOM - (digits + 3);
        int p = start;
        buf[p++] = '*';
        int save = pos;
        pos = p;
        writeDecimal(args, digits);
        buf[pos++] = '\r';
        buf[pos++] = '\n';
        pos = save;
        return Arrays.copyOfRange(buf, start, pos);
    }

    @Override
    public void field(String name, String v) {
        arg(name);
        fieldBytes += name.length() + bulk(v);
    }

    @Override
    public void field(String name, long v) {
        arg(name);
        arg(v);
        fieldBytes += name.length() + decimalLength(v);
    }

    @Override
    public Writer beginValue(String name) {
        valueName = name;
        value.count = 0;
        return value;
    }

    @Override
    public void endValue() {
        arg(valueName);
        ensure(3 * value.count + 32);
        int guess = decimalLength(value.count);
        int start = pos + guess + 3;
        fieldBytes += valueName.length() + bulkEnd(start, Utf8.encode(value.chars, value.count, buf, start), guess);
        valueName = null;
    }

    @Override
    public int encodedBytes() {
        return fieldBytes;
    }

    @Override
    public void clear() {
        pos = fieldsPos;
        args = fieldsArgs;
        fieldBytes = 0;
    }

    private RespEncoder crlf() {
        buf[pos++] = '\r';
        buf[pos++] = '\n';
        return this;
    }

    private void ensure(int room) {
        if (pos + room > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + room));
    }

    /** Characters of {@code v} in decimal (with its sign). */
    static int decimalLength(long v) {
        if (v == Long.MIN_VALUE) return 20;
        if (v < 0) return 1 + decimalLength(-v);
        long limit = 10;
        for (int n = 1; n < 19; n++, limit *= 10) {
            if (v < limit) return n;
        }
        return 19;
    }

    private void writeDecimal(long v, int digits) {
        if (v == Long.MIN_VALUE) {
            pos = Utf8.encode(Long.toString(v), buf, pos);
            return;
        }
        int end = pos + digits;
        long x = Math.abs(v);
        int p = end;
        do {
            buf[--p] = (byte) ('0' + (x % 10));
            x /= 10;
        } while (x != 0);
        if (v < 0) buf[--p] = '-';
        pos = end;
    }

    /** A {@link Writer} into a reused char array (no locking, unlike {@code StringWriter}'s buffer). */
    private static final class CharBufferWriter extends Writer {
        char[] chars = new char[1024];
        int count;

        @Override
        public void write(char[] cbuf, int off, int len) {
            if (count + len > chars.length) chars = Arrays.copyOf(chars, Math.max(chars.length * 2, count + len));
            System.arraycopy(cbuf, off, chars, count, len);
            count += len;
        }

        @Override
        public void write(String str, int off, int len) {
            if (count + len > chars.length) chars = Arrays.copyOf(chars, Math.max(chars.length * 2, count + len));
            str.getChars(off, off + len, chars, count);
            count += len;
        }

        @Override
        public void write(int c) {
            if (count == chars.length) chars = Arrays.copyOf(chars, chars.length * 2);
            chars[count++] = (char) c;
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
