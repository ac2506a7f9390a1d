/**
 * The one output layer every action uses, as src/core/inputs.ts is for inputs. A use case declares the
 * outputs it sets as an interface of typed values keyed by their action.yml names (`'has-changes': boolean`);
 * the action's `outputs.ts` declares each of them once with its kind (`defineOutputs<TfPlanOutputs>({...})`),
 * which the compiler holds to exactly that interface's names and types, and the metadata test to action.yml.
 * The use case receives a setter typed by its interface (`setOutputs({ 'has-changes': true })`): a value of
 * the wrong type or an undeclared name does not compile.
 */

/** How one output's value is written: the runner's outputs are strings. */
export interface OutputSpec<T> {
  readonly kind: 'string' | 'number' | 'boolean' | 'json';
  readonly format: (value: T) => string;
}

// A value the step has not got (no deployment, no comment) is written empty, as the runner reads an unset output.
const scalar = (value: string | number | boolean | undefined): string =>
  value === undefined ? '' : String(value);

/** The output kinds: a value as the runner reads it, or a JSON document (a list, an object). */
export const output = {
  string: (): OutputSpec<string | undefined> => ({ kind: 'string', format: scalar }),
  number: (): OutputSpec<number | undefined> => ({ kind: 'number', format: scalar }),
  boolean: (): OutputSpec<boolean | undefined> => ({ kind: 'boolean', format: scalar }),
  json: <T>(): OutputSpec<T> => ({ kind: 'json', format: (value) => JSON.stringify(value) }),
};

/** An action's outputs: one spec for each output its use case sets, and no other. */
export type OutputDeclaration<O> = { readonly [K in keyof O & string]-?: OutputSpec<O[K]> };

/** Declares an action's outputs (`src/actions/<name>/outputs.ts`), keyed by the use case's output interface. */
export function defineOutputs<O>(declaration: OutputDeclaration<O>): OutputDeclaration<O> {
  return declaration;
}

/** The outputs' values by their names, as the use case that sets them declares them. */
export type OutputsOf<D> = D extends OutputDeclaration<infer O> ? O : never;

/**
 * Sets declared outputs, in the order given: each name is one of the interface's, each value of its type.
 * An output a step does not reach is not set (the runner reads it as empty).
 */
export type OutputSetter<O> = (values: Partial<O>) => void;

/** The typed setter over the runner's `setOutput`, formatting each value as its declaration says. */
export function outputSetter<O>(
  declaration: OutputDeclaration<O>,
  write: (name: string, value: string) => void,
): OutputSetter<O> {
  return (values) => {
    for (const name of Object.keys(values) as Array<keyof O & string>) {
      write(name, declaration[name].format(values[name] as O[typeof name]));
    }
  };
}

/** What a use case reports through besides its return: the step's outputs and its job summary. */
export interface StepReport<O> {
  setOutputs: OutputSetter<O>;
  /** Appends Markdown to the job summary. */
  writeSummary(markdown: string): Promise<void>;
}
