// The SDK warns on Node 20 at every client construction; the machine runs Node 20 on purpose.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
