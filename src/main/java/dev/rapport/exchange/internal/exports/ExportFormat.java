package dev.rapport.exchange.internal.exports;

import java.util.Arrays;
import java.util.Optional;

/** The formats of an export, with the file each one writes. */
public enum ExportFormat {

	CSV("csv", "csv", "text/csv; charset=UTF-8"),

	XLSX("xlsx", "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),

	VCARD("vcf", "vcf", "text/vcard; charset=UTF-8"),

	VCARD3("vcf3", "vcf", "text/vcard; charset=UTF-8");

	private final String code;

	private final String extension;

	private final String contentType;

	ExportFormat(String code, String extension, String contentType) {
		this.code = code;
		this.extension = extension;
		this.contentType = contentType;
	}

	public String code() {
		return this.code;
	}

	public String extension() {
		return this.extension;
	}

	public String contentType() {
		return this.contentType;
	}

	public boolean vcard() {
		return this == VCARD || this == VCARD3;
	}

	public static Optional<ExportFormat> of(String code) {
		return Arrays.stream(values()).filter((f) -> f.code.equalsIgnoreCase(code.strip())).findFirst();
	}

}
