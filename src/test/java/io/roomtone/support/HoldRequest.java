package io.roomtone.support;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The body of {@code POST /api/holds}: a room from a start to an end, with what the test adds by name. */
public final class HoldRequest {

    private final Map<String, Object> fields = new LinkedHashMap<>();

    private HoldRequest(String roomId, String startAt, String endAt) {
        fields.put("room_id", roomId);
        fields.put("start_at", startAt);
        fields.put("end_at", endAt);
    }

    /** A hold on {@code roomId} from {@code startAt} to {@code endAt} (ISO instants), for no service in particular. */
    public static HoldRequest hold(String roomId, String startAt, String endAt) {
        return new HoldRequest(roomId, startAt, endAt);
    }

    /** Holds the slot for this service (its engineers, buffers and price). */
    public HoldRequest ofService(String serviceId) {
        fields.put("service_id", serviceId);
        return this;
    }

    public HoldRequest withStaff(String... staffIds) {
        fields.put("staff_ids", List.of(staffIds));
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
