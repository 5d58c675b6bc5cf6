/**
 * Clean data for the whole life of the database: duplicate detection and merge,
 * admin-defined validation rules, end-of-life retention, erasure on request and the data
 * health page.
 */
@ApplicationModule(allowedDependencies = { "platform", "identity", "customization", "customers" })
@NullMarked
package dev.rapport.dataquality;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
