# Windows build of Tablero GPR: the PyInstaller bundle, then the Inno Setup installer.
# NOT BUILT OR RUN ON THE PROJECT'S MACHINES (they are Linux); written for a Windows 10/11 x64 build
# machine with Python 3.11 (python.org, "py" launcher) and Inno Setup 6 (ISCC.exe on PATH).
#
#   powershell -ExecutionPolicy Bypass -File installer\windows\build.ps1
#
# Output: installer\out\dist\gpr-scorecard\ (the bundle) and installer\out\TableroGPR-<version>-setup.exe
$ErrorActionPreference = "Stop"
$Root = Resolve-Path "$PSScriptRoot\..\.."
$Out = Join-Path $Root "installer\out"
Remove-Item -Recurse -Force $Out -ErrorAction SilentlyContinue
New-Item -ItemType Directory $Out | Out-Null

$Version = (py -3.11 -c "import tomllib; print(tomllib.load(open(r'$Root\pyproject.toml','rb'))['project']['version'])").Trim()

# a fresh virtual environment with a regular install of the app (never the checkout itself)
py -3.11 -m venv "$Out\venv"
& "$Out\venv\Scripts\python.exe" -m pip install -q --upgrade pip
& "$Out\venv\Scripts\python.exe" -m pip install -q "$Root" "pyinstaller>=6.10,<7"

# the bundle: gpr-scorecard.exe (windowed) and scorecard.exe (console) over one folder of libraries
Push-Location $Out
& "$Out\venv\Scripts\pyinstaller.exe" "$Root\installer\gpr-scorecard.spec" --noconfirm --log-level WARN `
    --distpath "$Out\dist" --workpath "$Out\work"
Pop-Location

# the frozen app must pass its own check before it is packaged
& "$Out\dist\gpr-scorecard\scorecard.exe" --help | Out-Null
& "$Out\dist\gpr-scorecard\gpr-scorecard.exe" --self-test
if ($LASTEXITCODE -ne 0) { throw "the bundle's self-test failed" }

# the installer
ISCC.exe "/DAppVersion=$Version" "/DBundleDir=$Out\dist\gpr-scorecard" "/DRepoDir=$Root" "/O$Out" `
    "$Root\installer\windows\gpr-scorecard.iss"
Write-Host "installer: $Out\TableroGPR-$Version-setup.exe"
