/**
 * Sales: what customers buy and pay (transactions) — and, next, pipelines, deals and
 * products. Records its things on the customer timeline and adds revenue figures to the
 * customer's page.
 */
@ApplicationModule(
		allowedDependencies = { "platform", "identity", "customization", "customers", "customers::timeline" })
@NullMarked
package dev.rapport.sales;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
