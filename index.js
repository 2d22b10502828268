// Zapier's CommonJS wrapper requires <root>/index.js and ignores "main": re-export the compiled app.
module.exports = require('./dist/index.js').default;
