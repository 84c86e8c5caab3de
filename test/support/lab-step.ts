/**
 * A throwaway step, as a contributor would write it: one folder with a module whose manifest declares its type and
 * options. `test/e2e/add-a-step.test.ts` drops it into a scratch copy of the project to prove nothing else is needed.
 */
export const LAB_STEP_MODULE = `/** Lab Note: sets LabNote to its Note option, Times times. */
import { defineManifest, readStepOptions, type StepModule } from '../../engine/step-api.ts';

const manifest = defineManifest({
  types: [{ type: 'Lab_WriteNote', displayName: 'Write Note', defaultRunIn: 'WinPEandFullOS' }],
  options: [
    { kind: 'text', name: 'Note', required: true, description: 'the text to keep' },
    { kind: 'count', name: 'Times', min: 1, default: 1, description: 'how often' },
  ],
});

export const labNoteStep: StepModule = {
  id: 'lab-note', component: 'LabNote', manifest, runIn: 'both', rerunnable: true, ports: [],
  run: async (ctx) => {
    const { values } = readStepOptions(ctx, manifest.options);
    ctx.vars.set('LabNote', (values.Note ?? '').repeat(values.Times ?? 1));
    return { exitCode: 0 };
  },
};
`;

/** The one registration `steps/modules.ts` gets: the import and the list entry. */
export const LAB_STEP_IMPORT = "import { labNoteStep } from './lab-note/index.ts';";
export const LAB_STEP_ENTRY = '  labNoteStep,';

/** A sequence using the new type, and the check script run inside the scratch copy. */
export const LAB_SEQUENCE = `<?xml version="1.0" encoding="utf-8"?>
<sequence version="3.10">
<step type="Lab_WriteNote" name="Note it"><defaultVarList><variable name="LabNoteText" property="Note">ab</variable><variable name="LabTimes" property="Times">3</variable></defaultVarList></step>
</sequence>
`;

export const LAB_CHECK = `import { runCli, runSequenceFile } from './test/support/harness.ts';
const [file, dir] = process.argv.slice(2);
const validated = await runCli(['validate', file]);
const ran = await runSequenceFile(file, dir);
console.log(JSON.stringify({ validate: validated.code, validateOut: validated.stdout + validated.stderr, run: ran.code, note: ran.report.variables.LabNote, runErr: ran.stderr }));
`;
