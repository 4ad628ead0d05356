/** Codes of internal failures (a failed photo check is a result, never one of these). */
export type PipelineErrorCode =
  | 'MODEL_LOAD_FAILED'
  | 'INVALID_STYLE'
  | 'BACKGROUND_IMAGE_MISSING'
  | 'BACKGROUND_IMAGE_INVALID'
  | 'INVALID_INPUT'
  | 'INTERNAL';

/** An internal pipeline failure (bad arguments, model files missing, a bug) — not a bad photo. */
export class PipelineError extends Error {
  override readonly name = 'PipelineError';
  constructor(
    readonly code: PipelineErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}
