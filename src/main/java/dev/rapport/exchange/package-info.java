/**
 * Data in and out: imports of people, companies, deals, activities and transactions from
 * CSV, Excel and vCard with mapping, a validation report and undo; exports of list views
 * to CSV, Excel and vCard.
 */
@ApplicationModule(allowedDependencies = { "platform", "identity", "customization", "customers", "sales", "activities",
		"dataquality" })
@NullMarked
package dev.rapport.exchange;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
