import Foundation
import ReflectCore
import Testing

/// The simulation must give the same file on every platform. Besides the pinned
/// fingerprint (`SimulationCohortTests.theOutputIsPinned`), the same cohorts are
/// produced by an independent transcription in Python, whose floats are the same
/// IEEE-754 doubles but whose runtime, compiler and math library are not Swift's. The
/// test runs it when `python3` is on the PATH, and is skipped otherwise.
@Suite struct SimulationReferenceTests {
  static let python: String? = {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    return path.split(separator: ":").map { "\($0)/python3" }
      .first { FileManager.default.isExecutableFile(atPath: $0) }
  }()

  @Test(
    .enabled(if: python != nil, "python3 is not on the PATH"),
    arguments: [
      (25, "pre,mid,post", 0.5, UInt64(2025)), (300, "pre,post", 0.8, 7),
      (120, "t1,t2,t3,t4", -0.4, 11),
    ])
  func aPythonTranscriptionProducesTheSameFile(
    case: (Int, String, Double, UInt64)
  ) throws {
    let (respondents, waves, effect, seed) = `case`
    let simulation = try CohortSimulation(
      instrument: SimulationFixtures.instrument, respondents: respondents,
      waves: waves.split(separator: ",").map(String.init), effect: effect, seed: seed)
    let (rows, hash, _) = SimulationFixtures.fingerprint(simulation)

    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("reflect-simulation-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let script = folder.appendingPathComponent("simulation_reference.py")
    try Self.script.write(to: script, atomically: true, encoding: .utf8)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: try #require(Self.python))
    process.arguments = [script.path, "\(respondents)", waves, "\(effect)", "\(seed)"]
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)

    let fields = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isWhitespace)
    #expect(fields.count == 4)
    #expect(fields.first.flatMap { Int($0) } == rows)
    #expect(fields.dropFirst().first.flatMap { UInt64($0) } == hash)
    #expect(
      fields.dropFirst(2).compactMap { Double($0) } == simulation.calibrations.map(\.latentShift))
  }

  /// `python3 simulation_reference.py generator` printed the values in
  /// `SimulationGeneratorTests`.
  static let script = #"""
    # simulation_reference.py: an independent transcription of ReflectCore's SeededGenerator,
    # DeterministicMath and CohortSimulation (for SimulationFixtures.instrument only), in
    # Python's IEEE-754 doubles, to check that another runtime produces the same bits.
    #   python3 simulation_reference.py generator
    #   python3 simulation_reference.py 25 pre,mid,post 0.5 2025   (rows, FNV-1a hash, shifts)
    import math, sys, datetime
    M=(1<<64)-1
    def mix(z):
        z=((z^(z>>30))*0xBF58476D1CE4E5B9)&M
        z=((z^(z>>27))*0x94D049BB133111EB)&M
        return z^(z>>31)
    class G:
        def __init__(s,seed,stream=None):
            if stream is not None: seed=mix((mix(seed)+stream)&M)
            st=seed; w=[]
            for _ in range(4):
                st=(st+0x9E3779B97F4A7C15)&M; w.append(mix(st))
            s.s=w; s.spare=None
        def next(s):
            s0,s1,s2,s3=s.s
            rotl=lambda x,k:((x<<k)|(x>>(64-k)))&M
            r=(rotl((s1*5)&M,7)*9)&M
            t=(s1<<17)&M
            s2^=s0; s3^=s1; s1^=s2; s0^=s3; s2^=t; s3=rotl(s3,45)
            s.s=[s0,s1,s2,s3]; return r
        def uniform(s): return (s.next()>>11)*2.0**-53
        def normal(s):
            if s.spare is not None:
                v=s.spare; s.spare=None; return v
            while True:
                u=2*s.uniform()-1; v=2*s.uniform()-1; q=u*u+v*v
                if not (q>0 and q<1): continue
                f=math.sqrt(-2*dlog(q)/q); s.spare=v*f; return u*f
        def int_below(s,b):
            if b<=1: return 0
            p=s.next()*b; lo=p&M
            if lo<b:
                th=((-b)&M)%b
                while lo<th:
                    p=s.next()*b; lo=p&M
            return p>>64
    def dlog(x):
        m,e=math.frexp(x); m*=2; e-=1
        if m>1.4142135623730951: m*=0.5; e+=1
        e=float(e); s=(m-1)/(m+1); z=s*s
        ser=1.0/23
        for k in (21,19,17,15,13,11,9,7,5,3): ser=ser*z+1.0/k
        ser=ser*z+1
        return e*6.93147180369123816490e-01+(2*s*ser+e*1.90821492927058770002e-10)
    LN2H=6.93147180369123816490e-01; LN2L=1.90821492927058770002e-10
    def rnd(x): return math.copysign(math.floor(abs(x)+0.5), x)
    def dexp(x):
        if x!=x: return x
        if x>709.782712893384: return math.inf
        if x<-745.2: return 0.0
        k=rnd(x*1.4426950408889634); r=(x-k*LN2H)-k*LN2L
        p=1.0/6227020800
        for c in [479001600,39916800,3628800,362880,40320,5040,720,120,24,6]: p=p*r+1.0/c
        p=p*r+0.5; p=p*r+1; p=p*r+1
        return math.ldexp(p,int(k))
    def density(x): return dexp(-0.5*x*x)*0.3989422804014327
    def cdf(x):
        a=abs(x); tail=0.0
        if a<=37:
            e=dexp(-0.5*a*a)
            if a<7.07106781186547:
                n=3.52624965998911e-02*a+0.700383064443688
                for k in [6.37396220353165,33.912866078383,112.079291497871,221.213596169931,220.206867912376]: n=n*a+k
                d=8.83883476483184e-02*a+1.75566716318264
                for k in [16.064177579207,86.7807322029461,296.564248779674,637.333633378831,793.826512519948,440.413735824752]: d=d*a+k
                tail=e*n/d
            else:
                f=a+0.65; f=a+4/f; f=a+3/f; f=a+2/f; f=a+1/f
                tail=e/f/2.506628274631
        return 1-tail if x>0 else tail
    A5=[("1","Strongly disagree"),("2","Disagree"),("3","Neither"),("4","Agree"),("5","Strongly agree")]
    O7=[(str(i),f"{i} of 7") for i in range(1,8)]
    NA=("0","Not applicable")
    # id, choices, missing, scale, reversed, weight
    items=[("op01",A5,NA,0,False,1.0),("op02",A5,NA,0,True,1.0),("op03",A5,NA,0,False,2.0),("op04",A5,NA,0,False,1.0),
           ("op05",A5,NA,0,True,1.0),("op06",A5,NA,0,False,1.0),("ld01",O7,None,1,False,1.0),("ld02",O7,None,1,False,1.0),
           ("ld03",O7,None,1,True,1.0),("ld04",O7,None,1,False,1.0),("extra",A5,NA,None,False,1.0)]
    def run(n, waves, effect, seed):
        par=G(seed,(1<<64)-1); model=[]
        perscale=[6,4]
        for (iid,ch,miss,sc,rev,w) in items:
            jitter=par.uniform(); diff=0.25*par.normal()
            loading=0.0
            if sc is not None:
                k=float(perscale[sc]); al=0.8; corr=al/(k-(k-1)*al)
                loading=min(max(math.sqrt(corr)*(0.85+0.3*jitter),0.05),0.95)
            noise=math.sqrt(1-loading*loading)
            cnt=len(ch); th=[-2+4*float(c)/float(cnt)+diff for c in range(1,cnt)]
            keyed=list(reversed(ch)) if rev else ch
            lo=float(ch[0][0]); hi=float(ch[-1][0])
            rec=[lo+hi-float(v) if rev else float(v) for v,_ in keyed]
            model.append(dict(id=iid,latent=sc if sc is not None else 2,loading=loading,noise=noise,th=th,keyed=keyed,miss=miss,rec=rec,w=w))
        shifts=[]
        for sc in (0,1):
            its=[m for m in model if m['latent']==sc]
            step=1.0/16; reach=6.0/2+9; gc=int(2*reach/step)+1
            tw=0.0
            for m in its: tw+=m['w']
            grid=[];cm=[];cs=[]
            for i in range(gc):
                u=-reach+float(i)*step; grid.append(u); mean=0.0; var=0.0
                for m in its:
                    below=0.0; im=0.0; isq=0.0
                    for c in range(len(m['rec'])):
                        cum=cdf((m['th'][c]-m['loading']*u)/m['noise']) if c<len(m['th']) else 1.0
                        p=cum-below; below=cum; im+=p*m['rec'][c]; isq+=p*m['rec'][c]*m['rec'][c]
                    share=m['w']/tw; mean+=share*im; var+=share*share*max(0.0,isq-im*im)
                cm.append(mean); cs.append(var+mean*mean)
            def moments(s):
                t=0.0;f=0.0;q=0.0
                for i in range(gc):
                    d=density(grid[i]-s); t+=d; f+=d*cm[i]; q+=d*cs[i]
                mu=f/t; return mu, math.sqrt(max(0.0,q/t-mu*mu))
            def obs(s):
                a=moments(-s/2); b=moments(s/2)
                return (b[0]-a[0])/a[1] if a[1]>1e-12 else 0.0
            shift=0.0
            if effect!=0:
                bound=6.0 if effect>0 else -6.0
                low=0.0; high=bound
                for _ in range(64):
                    mid=(low+high)/2
                    if abs(obs(mid))<abs(effect): low=mid
                    else: high=mid
                shift=(low+high)/2
            shifts.append(shift)
        start=1736154000; width=len(str(n)); h=0xcbf29ce484222325; rows=0; first=[]
        shared=math.sqrt(0.3); unique=math.sqrt(1-0.3)
        for p in range(n):
            r=G(seed,p); rid="p"+str(p+1).zfill(width)
            g=r.normal(); traits=[shared*g+unique*r.normal() for _ in range(2)]
            for wi,wl in enumerate(waves):
                sess="s-"+wl+"-"+rid
                prog=float(wi)/float(len(waves)-1)-0.5 if len(waves)>1 else 0.0
                cur=[traits[l]+shifts[l]*prog for l in range(2)]+[0.0]
                clock=start+wi*90*86400+r.int_below(14*86400)
                for m in model:
                    noise=r.normal(); chance=r.uniform(); clock+=4+r.int_below(37)
                    if chance<0.02: continue
                    if chance<0.02+0.01 and m['miss']: v,l=m['miss']
                    else:
                        resp=m['loading']*cur[m['latent']]+m['noise']*noise
                        c=0
                        while c<len(m['th']) and resp>=m['th'][c]: c+=1
                        v,l=m['keyed'][c]
                    ts=datetime.datetime.fromtimestamp(clock,datetime.timezone.utc).strftime('%Y-%m-%dT%H:%M:%SZ')
                    line=f"{rid},{wl},{sess},{m['id']},{v},{l},{ts}\n"
                    for b in line.encode(): h=((h^b)*0x100000001b3)&((1<<64)-1)
                    if rows<3: first.append(line)
                    rows+=1
        return first, rows, h, shifts
    if __name__ == "__main__":
        if sys.argv[1:2] == ["generator"]:
            g=G(42); print([hex(g.next()) for _ in range(4)])
            g=G(42,7); print([hex(g.next()) for _ in range(2)])
            g=G(2025); print([g.uniform().hex() for _ in range(3)])
            g=G(2025); print([g.normal().hex() for _ in range(5)])
            g=G(9); print([g.int_below(37) for _ in range(8)])
        else:
            first, rows, h, shifts = run(int(sys.argv[1]), sys.argv[2].split(","), float(sys.argv[3]), int(sys.argv[4]))
            print(rows, h, *shifts)
    """#
}
