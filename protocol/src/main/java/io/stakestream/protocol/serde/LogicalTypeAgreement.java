package io.stakestream.protocol.serde;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;

/**
 * Avro's schema resolution ignores logical types: a writer that declares an amount as
 * {@code decimal(78,1)} writes the unscaled integer 15 for 1.5, and a {@code decimal(78,0)} reader
 * would take it as 15 base units. This finds the first field whose logical type the writer and the
 * reader disagree on, so such a record is refused instead of being read as another number.
 */
final class LogicalTypeAgreement {

    private LogicalTypeAgreement() {
    }

    /** A description of the first disagreement, or null when every logical type matches. */
    static String firstMismatch(Schema writer, Schema reader) {
        return mismatch(writer, reader, reader.getName(), new HashSet<>());
    }

    private static String mismatch(Schema writer, Schema reader, String path, Set<String> seen) {
        LogicalType w = writer.getLogicalType();
        LogicalType r = reader.getLogicalType();
        if ((w != null || r != null) && !Objects.equals(w, r)) {
            return path + " is " + describe(writer) + " in the writer's schema but " + describe(reader) + " in the reader's";
        }
        if (writer.getType() == Schema.Type.UNION) {
            for (Schema branch : writer.getTypes()) {
                Schema match = reader.getType() == Schema.Type.UNION ? branchLike(reader, branch) : reader;
                String m = match == null ? null : mismatch(branch, match, path, seen);
                if (m != null) return m;
            }
            return null;
        }
        if (reader.getType() == Schema.Type.UNION) {
            Schema match = branchLike(reader, writer);
            return match == null ? null : mismatch(writer, match, path, seen);
        }
        if (writer.getType() != reader.getType()) {
            return null; // promotion or a plain incompatibility: Avro's resolution decides
        }
        switch (reader.getType()) {
            case RECORD -> {
                if (!seen.add(writer.getFullName() + "->" + reader.getFullName())) return null;
                for (Schema.Field rf : reader.getFields()) {
                    Schema.Field wf = writerField(writer, rf);
                    String m = wf == null ? null : mismatch(wf.schema(), rf.schema(), path + "." + rf.name(), seen);
                    if (m != null) return m;
                }
                return null;
            }
            case ARRAY -> {
                return mismatch(writer.getElementType(), reader.getElementType(), path + "[]", seen);
            }
            case MAP -> {
                return mismatch(writer.getValueType(), reader.getValueType(), path + "{}", seen);
            }
            default -> {
                return null;
            }
        }
    }

    private static Schema.Field writerField(Schema writer, Schema.Field readerField) {
        Schema.Field f = writer.getField(readerField.name());
        if (f != null) return f;
        for (String alias : readerField.aliases()) {
            f = writer.getField(alias);
            if (f != null) return f;
        }
        return null;
    }

    /** The reader branch a writer branch resolves to: same name for named types, same type otherwise. */
    private static Schema branchLike(Schema readerUnion, Schema writerBranch) {
        for (Schema b : readerUnion.getTypes()) {
            boolean named = b.getType() == Schema.Type.RECORD || b.getType() == Schema.Type.ENUM || b.getType() == Schema.Type.FIXED;
            if (b.getType() == writerBranch.getType() && (!named || b.getFullName().equals(writerBranch.getFullName()))) {
                return b;
            }
        }
        return null;
    }

    private static String describe(Schema s) {
        LogicalType t = s.getLogicalType();
        if (t instanceof org.apache.avro.LogicalTypes.Decimal d) {
            return "decimal(" + d.getPrecision() + "," + d.getScale() + ")";
        }
        return t == null ? "plain " + s.getType().getName() : t.getName();
    }
}
