// Command target: exits 0 but prints no metrics.
console.log('all good, no numbers here');
console.log('{not json');
