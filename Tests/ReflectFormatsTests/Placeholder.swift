import Testing

@Test func placeholderReflectFormatsTests() {}
