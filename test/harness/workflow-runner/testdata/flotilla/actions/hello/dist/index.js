const fs = require('node:fs');
const name = process.env.INPUT_NAME;
const word = process.env['INPUT_GREETING-WORD'];
fs.appendFileSync(process.env.GITHUB_OUTPUT, `greeting=${word}, ${name} (v1)\n`);
fs.appendFileSync(process.env.GITHUB_STATE, 'started=yes\n');
console.log(`::notice::said hello to ${name}`);
console.log(`action path ${process.env.GITHUB_ACTION_PATH}`);
