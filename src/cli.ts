// Placeholder until the CLI lands (issue 2, item 8).
process.stdout.write('switchboard: not built yet\n');
