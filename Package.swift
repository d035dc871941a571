// swift-tools-version: 6.0
import PackageDescription

let package = Package(
  name: "Reflect",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "reflect", targets: ["reflect"]),
    .library(name: "ReflectCore", targets: ["ReflectCore"]),
    .library(name: "ReflectXML", targets: ["ReflectXML"]),
    .library(name: "ReflectFormats", targets: ["ReflectFormats"]),
    .library(name: "ReflectStore", targets: ["ReflectStore"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
  ],
  targets: [
    .systemLibrary(
      name: "CLibXML2",
      pkgConfig: "libxml-2.0",
      providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
    ),
    .target(name: "ReflectCore"),
    .target(name: "ReflectXML", dependencies: ["CLibXML2", "ReflectCore"]),
    .target(
      name: "ReflectFormats",
      dependencies: ["ReflectCore", .product(name: "Crypto", package: "swift-crypto")]
    ),
    .target(
      name: "ReflectStore",
      dependencies: [
        "ReflectCore",
        .product(name: "GRDB", package: "GRDB.swift"),
        // The one-query loader of `Responses` steps SQLite's statements directly.
        .product(name: "GRDBSQLite", package: "GRDB.swift"),
        .product(name: "Crypto", package: "swift-crypto"),
      ]
    ),
    .executableTarget(
      name: "reflect",
      dependencies: [
        "ReflectCore", "ReflectXML", "ReflectFormats", "ReflectStore",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .target(
      name: "ReflectTestSupport",
      dependencies: ["ReflectCore"],
      path: "Tests/ReflectTestSupport"
    ),
    .testTarget(name: "ReflectCoreTests", dependencies: ["ReflectCore", "ReflectTestSupport"], resources: [.copy("Fixtures")]),
    .testTarget(name: "ReflectXMLTests", dependencies: ["ReflectXML", "ReflectTestSupport"]),
    .testTarget(
      name: "ReflectFormatsTests", dependencies: ["ReflectFormats", "ReflectXML", "ReflectTestSupport"],
      exclude: ["Reports/Snapshots"]),
    .testTarget(name: "ReflectStoreTests", dependencies: ["ReflectStore", "ReflectTestSupport"]),
    .testTarget(name: "ReflectCLITests", dependencies: ["ReflectTestSupport", "ReflectCore", "ReflectStore"]),
  ],
  swiftLanguageModes: [.v6]
)
