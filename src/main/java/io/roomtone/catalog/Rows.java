package io.roomtone.catalog;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

/** Conversions between the catalog's records and its PostgreSQL columns. */
final class Rows {

    private Rows() {}

    static List<String> orEmpty(List<String> values) {
        return values == null ? List.of() : values;
    }

    /** A text[] parameter; null stays null so that {@code coalesce} keeps the stored value. */
    static String[] textArray(List<String> values) {
        return values == null ? null : values.toArray(String[]::new);
    }

    static List<String> strings(ResultSet rs, String column) throws SQLException {
        Array array = rs.getArray(column);
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    static Integer integer(ResultSet rs, String column) throws SQLException {
        return (Integer) rs.getObject(column);
    }

    static Long whole(ResultSet rs, String column) throws SQLException {
        return (Long) rs.getObject(column);
    }
}
