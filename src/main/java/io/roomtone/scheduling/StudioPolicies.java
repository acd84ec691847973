package io.roomtone.scheduling;

import io.roomtone.identity.AuditTrail;
import io.roomtone.identity.Studio;
import io.roomtone.identity.Studios;
import io.roomtone.identity.Tenancy;
import io.roomtone.shared.Validation;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The current studio's settings and booking policies. Name, zone and currency live on the studio
 * itself (identity module); the rest in {@code studio_settings}, where a studio without a row has
 * the defaults.
 */
@Service
public class StudioPolicies {

    /** The {@code studio_settings} part of the settings. */
    private record Terms(
            int taxRateBps,
            int depositPercent,
            boolean approvalRequired,
            int leadTimeMin,
            int horizonDays,
            int holdMinutes,
            int slotStepMin,
            int approvalDeadlineHours,
            int maxPendingPerClient,
            boolean rescheduleWithoutApproval,
            CancellationPolicy cancellationPolicy,
            ReschedulePolicy reschedulePolicy,
            OnlinePayment onlinePayment,
            BalanceCollection balanceCollection,
            int balanceChargeHours) {

        static final Terms DEFAULTS = new Terms(
                StudioSettings.DEFAULT_TAX_RATE_BPS,
                StudioSettings.DEFAULT_DEPOSIT_PERCENT,
                StudioSettings.DEFAULT_APPROVAL_REQUIRED,
                StudioSettings.DEFAULT_LEAD_TIME_MIN,
                StudioSettings.DEFAULT_HORIZON_DAYS,
                StudioSettings.DEFAULT_HOLD_MINUTES,
                StudioSettings.DEFAULT_SLOT_STEP_MIN,
                StudioSettings.DEFAULT_APPROVAL_DEADLINE_HOURS,
                StudioSettings.DEFAULT_MAX_PENDING_PER_CLIENT,
                StudioSettings.DEFAULT_RESCHEDULE_WITHOUT_APPROVAL,
                CancellationPolicy.DEFAULT,
                ReschedulePolicy.DEFAULT,
                StudioSettings.DEFAULT_ONLINE_PAYMENT,
                StudioSettings.DEFAULT_BALANCE_COLLECTION,
                StudioSettings.DEFAULT_BALANCE_CHARGE_HOURS);
    }

    private static final String COLUMNS = "tax_rate_bps, deposit_percent, approval_required, lead_time_min,"
            + " horizon_days, hold_minutes, slot_step_min, approval_deadline_hours, max_pending_per_client,"
            + " reschedule_without_approval, cancellation_policy::text AS cancellation_policy,"
            + " reschedule_policy::text AS reschedule_policy, online_payment, balance_collection,"
            + " balance_charge_hours";

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final AuditTrail audit;
    private final Studios studios;

    StudioPolicies(JdbcClient jdbc, JsonMapper json, AuditTrail audit, Studios studios) {
        this.jdbc = jdbc;
        this.json = json;
        this.audit = audit;
        this.studios = studios;
    }

    /** The settings in force now. */
    @Transactional(readOnly = true)
    public StudioSettings current() {
        return combine(studios.current(), terms(false).orElse(Terms.DEFAULTS));
    }

    /** Changes the fields present in {@code draft}; every field is checked before anything is written. */
    @Transactional
    public StudioSettings update(SettingsDraft draft) {
        Validation validation = new Validation();
        SettingsChecks.check(validation, draft);
        ZoneId zone = Checks.zone(validation, draft.timezone(), "timezone");
        String currency = Checks.currency(validation, draft.currency(), "currency");
        validation.throwIfInvalid();

        // lock the row (created with the defaults if missing) so that concurrent partial updates do not
        // overwrite each other's fields with what they read before
        jdbc.sql("INSERT INTO studio_settings (studio_id, " + insertColumns() + ") VALUES (:studio, " + values()
                        + ") ON CONFLICT (studio_id) DO NOTHING")
                .params(params(Terms.DEFAULTS))
                .update();
        Terms old = terms(true).orElseThrow();
        StudioSettings before = combine(studios.current(), old);
        Terms terms = new Terms(
                or(draft.taxRateBps(), old.taxRateBps()),
                or(draft.depositPercent(), old.depositPercent()),
                or(draft.approvalRequired(), old.approvalRequired()),
                or(draft.leadTimeMin(), old.leadTimeMin()),
                or(draft.horizonDays(), old.horizonDays()),
                or(draft.holdMinutes(), old.holdMinutes()),
                or(draft.slotStepMin(), old.slotStepMin()),
                or(draft.approvalDeadlineHours(), old.approvalDeadlineHours()),
                or(draft.maxPendingPerClient(), old.maxPendingPerClient()),
                or(draft.rescheduleWithoutApproval(), old.rescheduleWithoutApproval()),
                draft.cancellationPolicy() == null
                        ? old.cancellationPolicy()
                        : SettingsChecks.toPolicy(draft.cancellationPolicy()),
                draft.reschedulePolicy() == null
                        ? old.reschedulePolicy()
                        : SettingsChecks.toPolicy(draft.reschedulePolicy()),
                draft.onlinePayment() == null
                        ? old.onlinePayment()
                        : OnlinePayment.of(draft.onlinePayment()).orElseThrow(),
                draft.balanceCollection() == null
                        ? old.balanceCollection()
                        : BalanceCollection.of(draft.balanceCollection()).orElseThrow(),
                or(draft.balanceChargeHours(), old.balanceChargeHours()));
        jdbc.sql("UPDATE studio_settings SET (" + insertColumns() + ", updated_at) = (" + values()
                        + ", now()) WHERE studio_id = :studio")
                .params(params(terms))
                .update();
        Studio studio = draft.name() == null && zone == null && currency == null
                ? studios.current()
                : studios.updateCurrent(
                        draft.name() == null ? null : draft.name().strip(), zone, currency);
        StudioSettings after = combine(studio, terms);
        audit.record("settings.updated", "settings", studio.id(), before, after);
        return after;
    }

    private Optional<Terms> terms(boolean lock) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM studio_settings WHERE studio_id = ?" + (lock ? " FOR UPDATE" : ""))
                .param(Tenancy.currentStudioId())
                .query(this::map)
                .optional();
    }

    private static String insertColumns() {
        return "tax_rate_bps, deposit_percent, approval_required, lead_time_min, horizon_days, hold_minutes,"
                + " slot_step_min, approval_deadline_hours, max_pending_per_client, reschedule_without_approval,"
                + " cancellation_policy, reschedule_policy, online_payment, balance_collection,"
                + " balance_charge_hours";
    }

    private static String values() {
        return ":tax, :deposit, :approval, :lead, :horizon, :hold, :step, :deadline, :pending, :free_moves,"
                + " CAST(:cancellation AS jsonb), CAST(:reschedule AS jsonb), :online, :balance, :balance_hours";
    }

    private Map<String, Object> params(Terms terms) {
        Map<String, Object> params = new HashMap<>();
        params.put("studio", Tenancy.currentStudioId());
        params.put("tax", terms.taxRateBps());
        params.put("deposit", terms.depositPercent());
        params.put("approval", terms.approvalRequired());
        params.put("lead", terms.leadTimeMin());
        params.put("horizon", terms.horizonDays());
        params.put("hold", terms.holdMinutes());
        params.put("step", terms.slotStepMin());
        params.put("deadline", terms.approvalDeadlineHours());
        params.put("pending", terms.maxPendingPerClient());
        params.put("free_moves", terms.rescheduleWithoutApproval());
        params.put("cancellation", json.writeValueAsString(terms.cancellationPolicy()));
        params.put("reschedule", json.writeValueAsString(terms.reschedulePolicy()));
        params.put("online", terms.onlinePayment().code());
        params.put("balance", terms.balanceCollection().code());
        params.put("balance_hours", terms.balanceChargeHours());
        return params;
    }

    private static StudioSettings combine(Studio studio, Terms terms) {
        return new StudioSettings(
                studio.name(),
                studio.timezone(),
                studio.currency(),
                terms.taxRateBps(),
                terms.depositPercent(),
                terms.approvalRequired(),
                terms.leadTimeMin(),
                terms.horizonDays(),
                terms.holdMinutes(),
                terms.slotStepMin(),
                terms.approvalDeadlineHours(),
                terms.maxPendingPerClient(),
                terms.rescheduleWithoutApproval(),
                terms.cancellationPolicy(),
                terms.reschedulePolicy(),
                terms.onlinePayment(),
                terms.balanceCollection(),
                terms.balanceChargeHours());
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }

    private Terms map(ResultSet rs, int row) throws SQLException {
        return new Terms(
                rs.getInt("tax_rate_bps"),
                rs.getInt("deposit_percent"),
                rs.getBoolean("approval_required"),
                rs.getInt("lead_time_min"),
                rs.getInt("horizon_days"),
                rs.getInt("hold_minutes"),
                rs.getInt("slot_step_min"),
                rs.getInt("approval_deadline_hours"),
                rs.getInt("max_pending_per_client"),
                rs.getBoolean("reschedule_without_approval"),
                json.readValue(rs.getString("cancellation_policy"), CancellationPolicy.class),
                json.readValue(rs.getString("reschedule_policy"), ReschedulePolicy.class),
                OnlinePayment.of(rs.getString("online_payment")).orElseThrow(),
                BalanceCollection.of(rs.getString("balance_collection")).orElseThrow(),
                rs.getInt("balance_charge_hours"));
    }
}
