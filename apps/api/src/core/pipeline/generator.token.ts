/**
 * The Nest token of this process's one `Generator` (@teamframe/pipeline): the intake's precheck and the
 * workers' renders ask it. PipelineModule provides the implementation HEADSHOT_GENERATOR names.
 */
export const GENERATOR = Symbol('GENERATOR');
