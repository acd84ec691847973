package io.roomtone.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /api/bookings}: one room, one service, a start and an end, and whatever
 * the test adds by name ({@code withHold}, {@code forClient}, {@code overridingRules}, ...). Its
 * {@link #toString()} is the JSON, so that it reads well in an assertion's description.
 */
public final class BookingRequest {

    private final Map<String, Object> fields = new LinkedHashMap<>();
    private final List<Map<String, Object>> items = new ArrayList<>();

    private BookingRequest(String roomId, String serviceId, String startAt, String endAt) {
        fields.put("room_id", roomId);
        items.add(Map.of("service_id", serviceId, "qty", 1));
        fields.put("service_items", items);
        fields.put("start_at", startAt);
        fields.put("end_at", endAt);
    }

    /** A session of {@code serviceId} in {@code roomId} from {@code startAt} to {@code endAt} (ISO instants). */
    public static BookingRequest booking(String roomId, String serviceId, String startAt, String endAt) {
        return new BookingRequest(roomId, serviceId, startAt, endAt);
    }

    /** Converts the caller's hold. */
    public BookingRequest withHold(String holdId) {
        return with("hold_id", holdId);
    }

    /** Books on behalf of a client (back office only). */
    public BookingRequest forClient(String clientId) {
        return with("client_id", clientId);
    }

    /** Books outside the studio's rules: hours, lead time, limits (back office only). */
    public BookingRequest overridingRules() {
        return with("override_rules", true);
    }

    /** Asks for these staff members. */
    public BookingRequest withStaff(String... staffIds) {
        return with("staff_ids", List.of(staffIds));
    }

    /** Adds {@code qty} of an add-on to the basket. */
    public BookingRequest withAddOn(String addOnId, int qty) {
        items.add(Map.of("service_id", addOnId, "qty", qty));
        return this;
    }

    /** Any other field, as sent (the odd inputs of edge-case tests). */
    public BookingRequest with(String field, Object value) {
        fields.put(field, value);
        return this;
    }

    public String json() {
        Object[] namesAndValues = new Object[fields.size() * 2];
        int i = 0;
        for (Map.Entry<String, Object> field : fields.entrySet()) {
            namesAndValues[i++] = field.getKey();
            namesAndValues[i++] = field.getValue();
        }
        return Api.json(namesAndValues);
    }

    @Override
    public String toString() {
        return json();
    }
}
