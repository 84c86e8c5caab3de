// Child process for the crash test: appends a header and `count` records; the store's kill hook (from the
// environment) should end it with SIGKILL before it prints "survived".
import { createFileJournalStore } from '../file-journal-store.ts';
import { encodeFrame, encodeJournalHeader } from '../../../engine/journal/index.ts';

const [file, count] = process.argv.slice(2);
const store = createFileJournalStore(file);
store.append(encodeJournalHeader());
for (let i = 0; i < Number(count); i++) store.append(encodeFrame({ t: 'step-result', i }));
process.on('exit', () => process.stdout.write('exit handler ran\n'));
process.stdout.write('survived\n');
