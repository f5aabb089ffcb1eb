package io.emp.telemetry.collector.export.otlp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The protobuf wire format, only as much of it as OTLP requests need: varints, fixed64/fixed32, strings,
 * bytes and embedded messages (written into a writer of their own first, so their length is known).
 * A growable byte array; not thread-safe; {@link #reset} lets one instance serve a whole batch.
 */
final class ProtoWriter {
    private static final int VARINT = 0;
    private static final int FIXED64 = 1;
    private static final int LENGTH_DELIMITED = 2;
    private static final int FIXED32 = 5;

    private byte[] buf;
    private int size;

    ProtoWriter(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    void reset() {
        size = 0;
    }

    int size() {
        return size;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    /** A non-zero enum or integer field (proto3 leaves zero out). */
    void varintField(int field, long value) {
        if (value == 0) return;
        tag(field, VARINT);
        varint(value);
    }

    /** An int64 written even when 0 (a oneof member such as AnyValue.int_value must be present). */
    void int64Value(int field, long value) {
        tag(field, VARINT);
        varint(value);
    }

    /** A bool written even when false (AnyValue.bool_value). */
    void boolField(int field, boolean value) {
        tag(field, VARINT);
        varint(value ? 1 : 0);
    }

    /** A non-zero fixed64 (timestamps in nanoseconds). */
    void fixed64Field(int field, long value) {
        if (value == 0) return;
        tag(field, FIXED64);
        fixed64(value);
    }

    /** A double written even when 0 (AnyValue.double_value). */
    void doubleField(int field, double value) {
        tag(field, FIXED64);
        fixed64(Double.doubleToRawLongBits(value));
    }

    /** A non-zero fixed32 (trace flags). */
    void fixed32Field(int field, int value) {
        if (value == 0) return;
        tag(field, FIXED32);
        ensure(4);
        for (int i = 0; i < 4; i++) buf[size++] = (byte) (value >>> (8 * i));
    }

    /** A string field; null and empty are left out (proto3 default). */
    void stringField(int field, String value) {
        if (value == null || value.isEmpty()) return;
        bytesField(field, value.getBytes(StandardCharsets.UTF_8));
    }

    /** A string that is written even when empty (an AnyValue's string_value: the oneof must be set). */
    void stringValue(int field, String value) {
        byte[] b = value.getBytes(StandardCharsets.UTF_8);
        tag(field, LENGTH_DELIMITED);
        varint(b.length);
        raw(b, 0, b.length);
    }

    void bytesField(int field, byte[] value) {
        if (value == null || value.length == 0) return;
        tag(field, LENGTH_DELIMITED);
        varint(value.length);
        raw(value, 0, value.length);
    }

    /** An embedded message, written even when empty (presence matters for messages such as AnyValue). */
    void messageField(int field, ProtoWriter message) {
        tag(field, LENGTH_DELIMITED);
        varint(message.size);
        raw(message.buf, 0, message.size);
    }

    /** An embedded message already encoded. */
    void messageField(int field, byte[] encoded) {
        tag(field, LENGTH_DELIMITED);
        varint(encoded.length);
        raw(encoded, 0, encoded.length);
    }

    private void tag(int field, int wireType) {
        varint(((long) field << 3) | wireType);
    }

    private void varint(long v) {
        ensure(10);
        while ((v & ~0x7FL) != 0) {
            buf[size++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[size++] = (byte) v;
    }

    private void fixed64(long v) {
        ensure(8);
        for (int i = 0; i < 8; i++) buf[size++] = (byte) (v >>> (8 * i));
    }

    private void raw(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, size, len);
        size += len;
    }

    private void ensure(int more) {
        if (size + more > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
    }
}
