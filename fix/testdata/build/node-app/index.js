const ms = require("ms");
console.log("one day is", ms("1d"), "ms");
