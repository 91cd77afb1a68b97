// Command target: fails with exit code 1 and a reason on stderr.
console.log('starting');
console.error('boom: the disk is on fire');
process.exit(1);
