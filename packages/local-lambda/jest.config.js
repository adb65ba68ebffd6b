module.exports = { preset: '@footfall/config' };
