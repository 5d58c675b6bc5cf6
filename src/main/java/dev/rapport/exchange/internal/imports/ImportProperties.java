package dev.rapport.exchange.internal.imports;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of imports.
 *
 * @param maxUpload the largest file accepted
 * @param maxLine the longest line or record of a text file
 * @param maxColumns the most columns a file may have
 * @param maxXlsxEntry the largest part of a workbook once unzipped
 * @param batchSize how many rows are written at once
 * @param undoPeriod how long an import can be undone
 */
@ConfigurationProperties("rapport.exchange.imports")
record ImportProperties(@DefaultValue("300MB") DataSize maxUpload, @DefaultValue("1MB") DataSize maxLine,
		@DefaultValue("500") int maxColumns, @DefaultValue("2GB") DataSize maxXlsxEntry,
		@DefaultValue("1000") int batchSize, @DefaultValue("30d") Duration undoPeriod) {
}
