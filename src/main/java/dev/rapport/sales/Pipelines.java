package dev.rapport.sales;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The pipelines of the current workspace and their stages, for other modules (the board,
 * forecasts). A workspace without any gets the default pipeline on first read.
 */
public interface Pipelines {

	/** The pipelines in their order, archived ones only when asked. */
	List<PipelineView> list(boolean withArchived);

	/**
	 * A pipeline of the current workspace with all its stages, archived ones included.
	 */
	Optional<PipelineView> find(UUID id);

}
