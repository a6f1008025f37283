console.log(`post saw started=${process.env.STATE_started}`);
