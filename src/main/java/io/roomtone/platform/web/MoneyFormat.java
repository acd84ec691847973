package io.roomtone.platform.web;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.Locale;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * The one way pages show money: integer cents of an ISO currency, in the visitor's locale
 * ({@code ${@money.format(service.basePriceCents(), service.currency())}}). Never through a double:
 * the cents become a {@link BigDecimal} scaled by the currency's minor units.
 */
@Component("money")
public class MoneyFormat {

    public String format(long cents, String currencyCode) {
        return format(cents, currencyCode, LocaleContextHolder.getLocale());
    }

    public String format(long cents, String currencyCode, Locale locale) {
        Currency currency = Currency.getInstance(currencyCode);
        int digits = Math.max(currency.getDefaultFractionDigits(), 0);
        NumberFormat format = NumberFormat.getCurrencyInstance(locale);
        format.setCurrency(currency);
        format.setMinimumFractionDigits(digits);
        format.setMaximumFractionDigits(digits);
        return format.format(BigDecimal.valueOf(cents, digits));
    }
}
